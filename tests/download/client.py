"""One hf_hub_download of a Xet-backed file, as a user's script makes it (run with the pinned venv's python).

    client.py REPO FILENAME SHA256 RESULT_JSON

Writes RESULT_JSON: whether it completed, the error if not, whether the bytes match SHA256, and every
request huggingface_hub made through httpx (hf_xet's requests happen in Rust, out of Python's sight), and
when hf_xet took over.
"""
import hashlib
import json
import sys
import time
import traceback


def main(repo, filename, expected_sha256, result_path):
    result = {"completed": False, "bytes_match": False, "error": None, "httpx": []}
    try:
        import huggingface_hub
        from huggingface_hub.utils import _http

        def record_request(request):
            result["httpx"].append({"method": request.method, "url": str(request.url), "status": None})

        def record_response(response):
            for entry in reversed(result["httpx"]):
                if entry["url"] == str(response.request.url) and entry["status"] is None:
                    entry["status"] = response.status_code
                    break

        def client_factory():
            client = _http.default_client_factory()
            client.event_hooks["request"].append(record_request)
            client.event_hooks["response"].append(record_response)
            return client

        huggingface_hub.set_client_factory(client_factory)
        from huggingface_hub.utils import _xet
        get_xet_session = _xet.get_xet_session

        def marked_get_xet_session():
            # From here on, huggingface_hub's connections are hf_xet's: it made its last httpx request.
            result.setdefault("hf_xet_started", time.time())
            return get_xet_session()
        _xet.get_xet_session = marked_get_xet_session
        result["versions"] = {"huggingface_hub": huggingface_hub.__version__,
                              "hf_xet": __import__("importlib.metadata").metadata.version("hf-xet")}
        path = huggingface_hub.hf_hub_download(repo, filename)
        result["completed"] = True
        with open(path, "rb") as f:
            result["bytes_match"] = hashlib.sha256(f.read()).hexdigest() == expected_sha256
    except BaseException as error:  # noqa: BLE001 - the report names whatever stopped the download
        result["error"] = f"{type(error).__module__}.{type(error).__name__}: {error}"
        result["traceback"] = traceback.format_exc()
    with open(result_path, "w") as f:
        json.dump(result, f, indent=1)
    return 0 if result["completed"] and result["bytes_match"] else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

"""python -m hfenv ARGS: replace this Python process with the hfenv program this package installed."""

import os
import sys
import sysconfig

EXIT_HFENV_FAILED = 125


def installed_program():
    """The hfenv in the scripts directory of the install scheme whose library holds this package."""
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for scheme in sysconfig.get_scheme_names():
        paths = sysconfig.get_paths(scheme)
        if package_parent in (paths.get("purelib"), paths.get("platlib")):
            return os.path.join(paths["scripts"], "hfenv")
    return os.path.join(sysconfig.get_path("scripts"), "hfenv")


def main():
    if os.name == "nt":
        sys.stderr.write("hfenv: not supported on Windows; run it in WSL or a Linux container\n")
        return EXIT_HFENV_FAILED
    program = installed_program()
    try:
        os.execv(program, [program, *sys.argv[1:]])
    except OSError as error:
        sys.stderr.write(f"hfenv: cannot run {program}: {error.strerror}; reinstall the hfenv package\n")
    return EXIT_HFENV_FAILED


if __name__ == "__main__":
    sys.exit(main())

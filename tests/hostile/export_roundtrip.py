#!/usr/bin/env python3
"""--export round trip: random values set, exported, evaluated by a shell, read back identical.

usage: export_roundtrip.py HFENV SHELL ROUTE
  SHELL  bash, dash (eval "$(hfenv --export ...)") or fish (hfenv --export=fish ... | source)
  ROUTE  operands: NAME=VALUE operands with every byte but NUL, and -u of a set variable;
         environment: proxy variables whose password and NO_PROXY entries hold every byte
         that a valid value may hold, copied by hfenv to the other spelling; the values
         expected are those hfenv's own listing gives a command (its NO_PROXY rules rewrite
         entries), so the shell must arrive at exactly what hfenv would exec with.
The shell reads the statements as a user's shell would, then `env -0` shows what it exports.
HFENV_TEST_SEED changes the random values (default 1); a failure prints the seed.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROUNDS = 8
VALUES_PER_ROUND = 25
SPECIAL = b"'\"\\$`!\n\r\t *?[]{}~#&;|<>()%=,:@/\x01\x1b\x7f\xff\xfe\xc3\xa9"
# Known trouble for quoting: empty, only quotes, trailing newlines (command substitution strips
# them), bash's internal quoting bytes \x01 and \x7f, backslashes (fish escapes), expansions.
EDGE_VALUES = [b"", b"'", b"''''", b"\n", b"a\n\n", b"\x01", b"\x7f", b"\x01\x7f'\x01", b"\\", b"\\'",
               b"\\\\'", b"$(touch pwned)", b"`touch pwned`", b"\\n", b"-e", b"%s"]


def random_bytes(rng, allowed, length):
    special = [b for b in SPECIAL if b in allowed]
    return bytes(rng.choice(special) if special and rng.random() < 0.4 else rng.choice(allowed)
                 for _ in range(length))


def operand_case(rng):
    anything = bytes(range(1, 256))
    values = {b"HFENV_RT_%d" % i: random_bytes(rng, anything, rng.choice([0, 1, 2, rng.randrange(300)]))
              for i in range(VALUES_PER_ROUND)}
    values.update((b"HFENV_RT_EDGE_%d" % i, value) for i, value in enumerate(EDGE_VALUES))
    args = [b"-u", b"HFENV_RT_GONE"] + [name + b"=" + value for name, value in values.items()]
    return args, {b"HFENV_RT_GONE": b"set before"}, values, [b"HFENV_RT_GONE"]


def environment_case(rng):
    password_bytes = bytes(b for b in range(0x21, 0x7F) if b not in b"/?#@")
    entry_bytes = bytes(b for b in range(0x21, 0x100) if b not in b",\x7f")
    password = random_bytes(rng, password_bytes, 1 + rng.randrange(60))
    proxy = b"http://user:" + password + b"@127.0.0.1:3128"
    entries = [b"x" + random_bytes(rng, entry_bytes, rng.randrange(20)) for _ in range(1 + rng.randrange(8))]
    no_proxy = b",".join(entries)
    given = {b"HTTPS_PROXY": proxy, b"NO_PROXY": no_proxy}
    return [b"-q"], given, [b"HTTPS_PROXY", b"https_proxy", b"NO_PROXY", b"no_proxy"], []


def listing(hfenv, args, given):
    """The variables hfenv would exec a command with: its listing, one NAME=VALUE a line."""
    env = {b"PATH": b"/usr/bin:/bin", **given}
    done = subprocess.run([hfenv.encode(), *args], env=env, capture_output=True, check=True)
    return dict(line.split(b"=", 1) for line in done.stdout.split(b"\n") if b"=" in line)


def run_shell(hfenv, shell, args, given, home):
    env = {b"PATH": b"/usr/bin:/bin", b"LC_ALL": b"C.UTF-8", b"HOME": home, b"XDG_CONFIG_HOME": home}
    env.update(given)
    if shell == "fish":
        command = [b"fish", b"--no-config", b"-c", b'"$HFENV_RT_BIN" --export=fish $argv | source; and env -0', b"--"]
    else:
        command = [shell.encode(), b"-c",
                   b'statements=$("$HFENV_RT_BIN" --export "$@") || exit 99; eval "$statements" && env -0', shell.encode()]
    env[b"HFENV_RT_BIN"] = hfenv.encode()
    done = subprocess.run(command + args, env=env, cwd=home, capture_output=True, check=False)
    exported = dict(entry.split(b"=", 1) for entry in done.stdout.split(b"\0") if b"=" in entry)
    return done, exported


def main():
    hfenv, shell, route = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    if shutil.which(shell) is None:
        print(f"FAIL: {shell} is not installed (it is in tests/packages)")
        return 1
    seed = int(os.environ.get("HFENV_TEST_SEED", "1"))
    rng = random.Random(seed)
    make_case = operand_case if route == "operands" else environment_case
    failures = 0
    with tempfile.TemporaryDirectory() as home:
        for round_number in range(ROUNDS):
            args, given, expected, removed = make_case(rng)
            if route == "environment":
                listed = listing(hfenv, args, given)
                expected = {name: listed.get(name) for name in expected}
            done, exported = run_shell(hfenv, shell, args, given, home.encode())
            problems = []
            if done.returncode != 0 or done.stderr:
                problems.append(f"exit status {done.returncode}, stderr {done.stderr[:500]!r}")
            for name, value in expected.items():
                if exported.get(name) != value:
                    problems.append(f"{name!r}: expected {value!r:.300}, got {exported.get(name)!r:.300}")
            if os.path.exists(os.path.join(home, "pwned")):
                problems.append("a value was run as a command")
            for name in removed:
                if name in exported:
                    problems.append(f"{name!r} is still set")
            if problems:
                failures += 1
                print(f"FAIL {shell} {route} seed {seed} round {round_number}:")
                print("\n".join("  " + problem for problem in problems))
    total = ROUNDS * len(expected)
    print(f"{shell} {route}: {ROUNDS} rounds, {total} values, {failures} rounds failed (HFENV_TEST_SEED={seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

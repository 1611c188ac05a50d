#!/usr/bin/env bash
# Print the path of a working Python 3.10 interpreter (Rasa 3.6 does not install on 3.11+).
# A pyenv shim named python3.10 can exist without working, so each candidate is run.
set -u
candidates=(python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10)
for root in "${PYENV_ROOT:-}" "$HOME/.pyenv" /root/.pyenv /opt/pyenv; do
  [ -n "$root" ] || continue
  for p in "$root"/versions/3.10*/bin/python3.10; do candidates+=("$p"); done
done
for c in "${candidates[@]}"; do
  if out=$("$c" -c 'import sys; print(sys.executable) if sys.version_info[:2] == (3, 10) else sys.exit(1)' 2>/dev/null); then
    echo "$out"
    exit 0
  fi
done
echo "ERROR: Python 3.10 was not found. Rasa Open Source 3.6 needs Python 3.10 (it does not install on 3.11)." >&2
echo "Install it (e.g. 'pyenv install 3.10' or Debian's python3.10) and run make again." >&2
exit 1

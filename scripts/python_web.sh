#!/usr/bin/env bash
# Print the Python for the web app's environment (.venv-web): 3.11 when a working one is
# found (faster, and the web app does not need Rasa's 3.10), else the 3.10 Rasa needs.
set -u
for c in python3.11 /usr/bin/python3.11 /usr/local/bin/python3.11; do
  if out=$("$c" -c 'import sys; print(sys.executable) if sys.version_info[:2] == (3, 11) else sys.exit(1)' 2>/dev/null); then
    echo "$out"
    exit 0
  fi
done
exec "$(dirname "$0")/python310.sh"

#!/usr/bin/env bash
# Prepares the embedded default (SQLite under var/, demo data) and starts all six processes.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

$PY tools/bootstrap_env.py var/polku.env
set -a; . var/polku.env; set +a

$PY -m gateway migrate
for service in clients employers referrals metrics notifications; do
  $PY -m services.$service migrate
done
$PY -m gateway seed-demo
for service in clients employers referrals metrics notifications; do
  if $PY -m services.$service --help 2>/dev/null | grep -q seed-demo; then
    $PY -m services.$service seed-demo
  fi
done

cat <<'BANNER'

  Polku is starting: http://127.0.0.1:8000

  Staff (password "polku"):
    coach  omavalmentaja (coach)
    wac1   työkykykoordinaattori (work-ability coordinator)
    wac2   työkykykoordinaattori (work-ability coordinator)
    bc1    yrityskoordinaattori (business coordinator)
    bc2    yrityskoordinaattori (business coordinator)
    lead   tiimin vetäjä (team lead)
    admin  pääkäyttäjä (admin)
  Machine clients (POST /auth/token, client_credentials):
    ladec / ladec-secret   scopes leads:write leads:read
    bi    / bi-secret      scope  metrics:read

  E-mail (digests, reminders) is not sent: it is delivered to the maildir
  var/mail/ (read it with e.g. `mutt -f var/mail` or any maildir reader; set
  POLKU_NOTIFICATIONS_SMTP_HOST to send over SMTP).

  Text reminders to clients are not sent either: each message is a file in
  var/texts/ (set POLKU_NOTIFICATIONS_SMS_URL to send through an SMS gateway).

  Ctrl-C stops all processes.

BANNER
exec .venv/bin/honcho -f Procfile -e var/polku.env start

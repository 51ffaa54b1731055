#!/bin/sh
# Installs the Debian packages named as arguments that are missing,
# through apt-get as root or through sudo. Prints what it does, in French.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Paquets manquants :$missing"
if [ "$(id -u)" = 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo -n"
else
    echo "Impossible d'installer ces paquets : il faut être root ou pouvoir utiliser sudo." >&2
    echo "Demandez à l'administrateur : apt-get install$missing" >&2
    exit 1
fi
$run apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends $missing || {
    echo "L'installation de$missing a échoué." >&2
    exit 1
}

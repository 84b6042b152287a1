#!/bin/sh
# Installs what the integration tests' SSH test targets need (e2e/target/):
# Debian's OpenSSH server and client, Dropbear, doas (a login that becomes
# root with its password), and the account tools.
# Idempotent: installs only what is missing. Needs root (apt-get).
set -eu

missing=
for pair in \
	/usr/sbin/sshd:openssh-server \
	/usr/bin/ssh-keygen:openssh-client \
	/usr/bin/ssh-agent:openssh-client \
	/usr/sbin/dropbear:dropbear-bin \
	/usr/bin/dropbearkey:dropbear-bin \
	/usr/bin/doas:doas \
	/usr/sbin/useradd:passwd \
	/usr/sbin/chpasswd:passwd \
	/usr/bin/mknod:coreutils \
	/usr/bin/ansible-playbook:ansible /usr/bin/ansible-lint:ansible-lint \
	/usr/bin/tar:tar; do
	file=${pair%%:*}
	pkg=${pair#*:}
	if [ ! -x "$file" ]; then
		case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg";; esac
	fi
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "install-test-hosts: need root to install:$missing" >&2
		exit 1
	fi
	echo "install-test-hosts: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# sshd refuses to start without its privilege-separation directory.
mkdir -p /run/sshd
chmod 0755 /run/sshd
echo "install-test-hosts: sshd $(/usr/sbin/sshd -V 2>&1 | head -1), $(/usr/sbin/dropbear -V 2>&1 | head -1)"

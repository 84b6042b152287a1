# Shared by the Cairn test stand-ins (BusyBox ash). Sourced, never run.
# Each stand-in records what it was asked in its own directory under
# $CAIRN_LOG: argv (NUL-separated), env (NAME=VALUE, NUL-separated, only the
# variables setup-disk reads and only when set), stdin, exit. The test
# helper parses these directories.

CAIRN_LOG=/var/log/cairn-standins
CAIRN_CONTROL=/etc/cairn-standins/control
CAIRN_DATA=/usr/share/cairn-standins
CAIRN_STATE=/var/lib/cairn-standins

# The control file is written by the test helper with quoted values.
# shellcheck disable=SC1090
[ -r "$CAIRN_CONTROL" ] && . "$CAIRN_CONTROL"

# A record's directory name starts with a sequence number so records sort in
# the order the stand-ins started, even when several run in the same second.
cairn_next_seq() {
	# A loop whose sleep cannot run (its chroot removed under it) ends instead of spinning.
	while ! mkdir "$CAIRN_LOG/.lock" 2>/dev/null; do sleep 0.01 || exit 1; done
	n=$(cat "$CAIRN_LOG/.seq" 2>/dev/null || echo 0)
	n=$((n + 1))
	echo "$n" > "$CAIRN_LOG/.seq"
	rmdir "$CAIRN_LOG/.lock"
	printf '%06d' "$n"
}

# Reads stdin into the record, then serves the rest of the script from that
# copy. A client that leaves stdin open would block a real tool at its first
# prompt; here the copy stops after 2 s and the record says stdin was left open.
cairn_capture_stdin() {
	if [ -t 0 ]; then
		: > "$CAIRN_RECORD/stdin-tty"
		return
	fi
	exec 3<&0
	cat <&3 > "$CAIRN_RECORD/stdin" &
	cairn_cat=$!
	# A wall-clock deadline: counting sleeps stretches on a loaded machine.
	cairn_deadline=$(($(date +%s) + 2))
	while kill -0 "$cairn_cat" 2>/dev/null; do
		if [ "$(date +%s)" -gt "$cairn_deadline" ]; then
			kill "$cairn_cat" 2>/dev/null
			: > "$CAIRN_RECORD/stdin-open"
			break
		fi
		sleep 0.01 || exit 1
	done
	wait "$cairn_cat" 2>/dev/null
	exec 3<&- 0< "$CAIRN_RECORD/stdin"
}

# usage: cairn_record TOOL "$@"
cairn_record() {
	cairn_tool=$1
	shift
	mkdir -p "$CAIRN_LOG"
	CAIRN_RECORD="$CAIRN_LOG/$(cairn_next_seq)-$cairn_tool"
	mkdir -p "$CAIRN_RECORD"
	date +%s > "$CAIRN_RECORD/time"
	for cairn_a in "$@"; do printf '%s\0' "$cairn_a"; done > "$CAIRN_RECORD/argv"
	for cairn_v in ERASE_DISKS BOOTFS ROOTFS VARFS DISKLABEL KERNELOPTS USE_EFI BOOTLOADER BOOT_SIZE SWAP_SIZE ROOT_SIZE; do
		eval "cairn_set=\${$cairn_v+set}"
		[ -n "$cairn_set" ] && eval "printf '%s=%s\0' \"\$cairn_v\" \"\$$cairn_v\""
	done > "$CAIRN_RECORD/env"
	cairn_capture_stdin
	trap 'echo $? > "$CAIRN_RECORD/exit"' EXIT
}

# The control variables of one tool: CAIRN_<TOOL>_MODE, _EXIT, _DELAY, _ERROR,
# where <TOOL> is the name in capitals with '-' as '_'.
cairn_control() {
	cairn_key=$(echo "$1" | tr 'a-z-' 'A-Z_')
	eval "CAIRN_MODE=\${CAIRN_${cairn_key}_MODE:-ok}"
	eval "CAIRN_EXIT=\${CAIRN_${cairn_key}_EXIT:-1}"
	eval "CAIRN_DELAY=\${CAIRN_${cairn_key}_DELAY:-0}"
	eval "CAIRN_ERROR=\${CAIRN_${cairn_key}_ERROR:-}"
	eval "CAIRN_WAIT=\${CAIRN_${cairn_key}_WAIT:-0}"
}

# A wait first when the test asked for one; then the modes every stand-in
# understands: fail (print an error, exit CAIRN_EXIT)
# and hang (never return; the caller has to stop it).
cairn_generic_mode() {
	[ "$CAIRN_WAIT" != 0 ] && sleep "$CAIRN_WAIT"
	case "$CAIRN_MODE" in
		fail)
			echo "${CAIRN_ERROR:-$cairn_tool: failed (as the test asked)}" >&2
			exit "$CAIRN_EXIT"
			;;
		hang)
			while :; do sleep 1 || exit 1; done
			;;
	esac
}

# Prints one line of output, slowly when the test asked for a delay.
say() {
	printf '%s\n' "$*"
	[ "$CAIRN_DELAY" != 0 ] && sleep "$CAIRN_DELAY"
	return 0
}

heading() {
	say ""
	say " $1"
	say "-$(echo " $1" | sed 's/./-/g')"
}

# Package and service catalogues installed by the test helper.
cairn_service_exists() {
	[ -e "/etc/init.d/$1" ]
}

# "SHA256 PATH" for each file lbu would save: /etc and the paths added with
# lbu include, minus excluded ones. The stand-ins' control file is test
# plumbing, not the box's configuration, so it is left out.
cairn_lbu_tree() {
	cairn_list=/etc/apk/protected_paths.d/lbu.list
	cairn_paths=etc
	if [ -r "$cairn_list" ]; then
		cairn_paths="$cairn_paths $(sed -n 's/^+//p' "$cairn_list")"
	fi
	# shellcheck disable=SC2086
	(cd / && find $cairn_paths -type f 2>/dev/null) | sort -u | awk -v list="$cairn_list" '
		BEGIN { while ((getline l < list) > 0) if (substr(l, 1, 1) == "-") ex[++n] = substr(l, 2) }
		index($0, "etc/cairn-standins/") == 1 { next }
		{ for (i = 1; i <= n; i++) if ($0 == ex[i] || index($0, ex[i] "/") == 1) next; print }' |
	while read -r cairn_f; do
		printf '%s %s\n' "$(sha256sum "/$cairn_f" | cut -d' ' -f1)" "$cairn_f"
	done
}

# Reads the current tree on stdin; prints lbu status lines against $1.
cairn_lbu_compare() {
	awk -v committed="$1" '
		BEGIN { while ((getline line < committed) > 0) old[substr(line, 66)] = substr(line, 1, 64) }
		{ p = substr($0, 66); now[p] = 1
		  if (!(p in old)) added[p] = 1; else if (old[p] != substr($0, 1, 64)) updated[p] = 1 }
		END {
			for (p in old) if (!(p in now)) print "D " p
			for (p in added) print "A " p
			for (p in updated) print "U " p
		}' | sort -k2
}

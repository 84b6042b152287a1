import { EXIT_TABLE } from './exit-codes';

// What `cairn --help` and `cairn COMMAND --help` print. Kept in one file so the
// commands read alike; the README's CLI section summarises the same.

const FILE_EXIT = `Exit status: 0 done, 1 the file has errors, 2 wrong usage or a file that cannot be read.
`;

export const USAGE = `Usage: cairn COMMAND [OPTIONS] ARGUMENTS
       cairn COMMAND --help     what one command does, and its options
       cairn --version

Profiles and boot media (no box needed):
  render PROFILE.json      Print the setup-alpine answer file for a profile.
  parse ANSWERFILE         Print the profile read from an answer file as JSON.
  validate PROFILE.json    List the profile's problems (path: message).
  plan PROFILE.json        List the steps an install runs on a box, with their commands.
  overlay PROFILE.json --out DIR [--batch FILE.csv]
                           Write a headless boot overlay; print its host key fingerprint.
  find SUBNET --fingerprint SHA256:...
                           Find the box that presents this host key on a network.
  export ansible PROFILE.json --out DIR [--batch FILE.csv]
                           Write an Ansible inventory and playbook for the profile.

Boxes, over SSH:
  push PROFILE.json TARGET... [--erase DISK]...
                           Install the profile on the boxes.
  fleet PROFILE.json --batch FILE.csv [--dry-run]
                           Install the profile on many boxes, each row of the
                           table with its own hostname and addresses.
  facts TARGET...          Show each box's system, storage, load and packages.
  services TARGET [start|stop|restart NAME]
                           List the box's services, or start, stop or restart one.
  packages TARGET [add|del NAME...]
                           List the installed packages, or add or remove some.
  lbu TARGET [status|commit [-m MESSAGE]]
                           List the changes lbu has not saved, or save them.
  help [COMMAND]           Show this help, or one command's.

A FILE of - reads standard input.
TARGET is a target saved in the Cairn app (its name or id) or user@host[:port].
The box commands share the options --json, --accept-new, --key FILE and
--data DIR; "cairn push --help" says how they log in and trust host keys.

${EXIT_TABLE}`;

/** The options and rules every box command shares. */
const BOX_COMMON = `Options:
  --json         Print one JSON object per line on stdout instead of text: the
                 events as they come, then a "result" (or "error") object last.
  --accept-new   Trust a box whose host key Cairn has never seen, and go on: the
                 key is saved in Cairn's known_hosts (as ssh -o
                 StrictHostKeyChecking=accept-new does). A changed key is
                 refused all the same.
  --key FILE     The private key for user@host targets (default: the SSH agent).
  --data DIR     Use the targets, known hosts and runs kept in DIR instead of
                 the desktop app's folder ($XDG_CONFIG_HOME/Cairn, or
                 ~/.config/Cairn; on macOS ~/Library/Application Support/Cairn).

Targets and logging in:
  TARGET is a target saved in the Cairn app (its name or id), which logs in as
  saved there, or user@host[:port] (an IPv6 host in brackets), which logs in
  with --key FILE or the SSH agent.
  Only the desktop app can read the passwords and passphrases it keeps in the
  system keyring; this command keeps none (as on a computer without a keyring)
  and logs in with the SSH agent or key files. A key's passphrase can come from
  the environment variable CAIRN_KEY_PASSPHRASE, a password from CAIRN_PASSWORD.

Host keys, as OpenSSH trusts them:
  A key listed in Cairn's known_hosts or in ~/.ssh/known_hosts is trusted. An
  unknown key is refused (exit 4) with its fingerprint, to compare with the one
  the box shows, unless --accept-new is given. A key that changed is always
  refused (exit 4): check the box, then remove the old key.

${EXIT_TABLE}`;

export const COMMAND_HELP: Record<string, string> = {
  render: `Usage: cairn render PROFILE.json

Print the setup-alpine answer file for a profile. What setup-alpine ignores
(extra packages, services, the user's full name, IP forwarding) is kept as
CAIRN_* lines; "cairn plan" lists the commands that apply them.
A FILE of - reads standard input.
${FILE_EXIT}`,
  parse: `Usage: cairn parse ANSWERFILE

Print the profile read from a setup-alpine answer file as JSON. Problems found
go to stderr as FILE:LINE: severity: message.
A FILE of - reads standard input.
${FILE_EXIT}`,
  validate: `Usage: cairn validate PROFILE.json

List the profile's problems, one per line as path: message, and say whether it
is valid. Warnings do not make it invalid.
A FILE of - reads standard input.
${FILE_EXIT}`,
  plan: `Usage: cairn plan PROFILE.json [--doas] [--reboot]

List the steps an install runs on a box, with their commands.
  --doas     log in as a user that runs commands through doas
  --reboot   reboot the box at the end
A FILE of - reads standard input.
${FILE_EXIT}`,
  overlay: `Usage: cairn overlay PROFILE.json --out DIR [--key KEY] [--replace]
       cairn overlay PROFILE.json --batch FILE.csv --out DIR [--hostname PATTERN]
                     [--ipv4-pool RANGE] [--key FILE] [--replace] [--data DIR]

Write DIR/HOSTNAME.apkovl.tar.gz, a headless boot overlay: the box comes up on
the network with an SSH server and a host key made for it. The last line
printed is that key's SHA256: fingerprint.
  --key      also let this public key (or a private key's .pub) in as root
  --replace  remove other overlays in DIR (the boot takes the first found)

With --batch, one overlay per row of FILE.csv (as "cairn fleet --batch" reads
it), each with the row's hostname, address and wifi and a host key of its own.
The rows are checked as a whole first: every problem is named by row and
column, and nothing is written until all are fixed. Each key is then trusted
in Cairn's known_hosts (of --data DIR) for the address its box will have (its
static address, else its target's host) and each row's target is saved with
it pinned, so Cairn logs in without a prompt once the box is on.
  --key FILE  the private key every row's target logs in with; its public
              half joins each box's authorized_keys
  --replace   write over overlays of the same names in DIR
A FILE of - reads standard input.
${FILE_EXIT}`,
  find: `Usage: cairn find SUBNET --fingerprint SHA256:... [--port N]

Search SUBNET (one of this computer's networks, at most 1024 addresses) for the
SSH server presenting that host key, seen before any login; print its address.
  --port N   the SSH port (default 22)
Exit status: 0 found, 1 not found, 2 wrong usage.
`,
  push: `Usage: cairn push PROFILE.json TARGET... [--erase DISK]... [--reboot] [OPTIONS]

Install the profile on each box, as the app's Run screen does: preflight reads
the box and refuses one that does not suit the profile, then the plan runs
("cairn plan" lists it). Progress goes to stderr, section by section; the
outcome of each box goes to stdout. Each run is kept with its log in the runs
folder of the data folder, where the app's Runs screen lists it.
  --erase DISK   confirm that the plan may erase DISK. A plan that erases disks
                 runs only when --erase names exactly those disks (repeat it, or
                 give them comma-separated); otherwise nothing is sent (exit 3).
  --reboot       reboot each box at the end.
  --parallel N   install at most N boxes at the same time, 1 to 50 (default 10,
                 as the app's "Boxes at once"); the others wait their turn.
Ctrl-C stops the runs (exit 130).

${BOX_COMMON}`,
  fleet: `Usage: cairn fleet PROFILE.json --batch FILE.csv [--hostname PATTERN] [--ipv4-pool RANGE]
                   [--dry-run] [--parallel N] [--erase DISK]... [--reboot] [OPTIONS]
       cairn fleet PROFILE.json TARGET... [--dry-run] [--parallel N] [OPTIONS]

Install one profile on many boxes, as the app's batch does. FILE.csv holds a
header line naming its columns, then one row per box:
  target,hostname,ipv4,ipv6,wifi_ssid,wifi_passphrase,packages
Only target is required; an empty cell keeps the profile's value. A target is
a target saved in the Cairn app (its name or id), user@host[:port], or a Host
alias of ~/.ssh/config (with its Include files), which logs in as ssh would:
its HostName, User, Port, IdentityFile and ProxyJump. user@host and aliases
are used for this command only, never saved; a row without a key of its own
logs in with --key FILE or the SSH agent.
The table is checked as a whole first: every problem is printed with its row
(the header is row 1) and column, and nothing is sent (exit 1). Then each box
is installed with its own profile, as "cairn push" installs one: progress on
stderr, prefixed with the target; the outcome of each box on stdout.
With TARGET... instead of --batch, each box gets the profile as it is.
  --dry-run          check only: print one line per box (row, target,
                     hostname, addresses) and exit 0; reach no box.
  --hostname PATTERN the rows' hostnames where their cell is empty; {nn}
                     numbers the rows: pi-{nn} gives pi-01, pi-02...
  --ipv4-pool RANGE  give rows without an ipv4 cell the next address of
                     RANGE, in row order (192.168.1.40-192.168.1.59).
  --parallel N       install at most N boxes at the same time, 1 to 50. The
                     default, 10, is the app's "Boxes at once": a rack is done
                     quickly while a home network and this computer stay
                     responsive. The others wait their turn.
  --erase DISK       confirm that the plan may erase DISK on every box (see
                     "cairn push --help"); otherwise nothing is sent (exit 3).
  --reboot           reboot each box at the end.
Ctrl-C stops the runs (exit 130). Exit status 1 also means the table has
problems; --json prints each as a "batch.problem" object, each box as "box".

${BOX_COMMON}`,
  facts: `Usage: cairn facts TARGET... [OPTIONS]

Read each box and show its Alpine version, kernel, storage (installed or
diskless, and changes lbu has not saved), uptime, load, memory, file systems,
upgrades, packages and services. Boxes are read four at a time.

${BOX_COMMON}`,
  services: `Usage: cairn services TARGET [list] [OPTIONS]
       cairn services TARGET start|stop|restart NAME [OPTIONS]

List the box's services (OpenRC) with their state and runlevels, or start,
stop or restart one. An action is kept as a run in the data folder.

${BOX_COMMON}`,
  packages: `Usage: cairn packages TARGET [list] [OPTIONS]
       cairn packages TARGET add|del NAME... [OPTIONS]

List the installed packages with their versions (those the box asked for by
name, in /etc/apk/world, marked *), or add or remove packages with apk. An
action is kept as a run in the data folder.

${BOX_COMMON}`,
  lbu: `Usage: cairn lbu TARGET [status] [OPTIONS]
       cairn lbu TARGET commit [-m MESSAGE] [OPTIONS]

On a diskless box: list the changes lbu has not saved yet, or save them to the
box's lbu medium (lbu commit). lbu keeps no message; -m MESSAGE is written to
the run's log, kept in the data folder.

${BOX_COMMON}`,
  export: `Usage: cairn export ansible PROFILE.json --out DIR [--batch FILE.csv]
                    [--hostname PATTERN] [--ipv4-pool RANGE] [--force] [--data DIR]

Write DIR/inventory.ini and DIR/site.yml (with group_vars/, host_vars/,
files/answers-HOST and known_hosts) that bring boxes to the profile with
Ansible: a box already installed gets its hostname, time zone, repositories,
packages, services, users, SSH keys and lbu; a new one is installed with
setup-alpine and the answer file, as Cairn does (-e cairn_install=true). What
the playbook cannot express is listed at the top of site.yml and here.
No secret is written: password hashes and wifi passphrases become
ansible-vault variables. ssh trusts only the host keys Cairn keeps for the
boxes (known_hosts in DIR, StrictHostKeyChecking=yes).
  --out DIR          the folder to write (made, 0700, when missing); it must
                     be empty unless --force.
  --batch FILE.csv   one box per row, as "cairn fleet" reads it (target,
                     hostname, ipv4, ipv6, wifi_ssid, packages); without it
                     the inventory holds one box, reached by its hostname.
  --hostname PATTERN the rows' hostnames where their cell is empty (pi-{nn}).
  --ipv4-pool RANGE  addresses for rows without an ipv4 cell, in row order.
  --force            write into a folder that already holds files, replacing
                     those the export writes.
  --data DIR         read targets and known hosts from DIR instead of the
                     desktop app's folder.
Every file is written 0600. A FILE of - reads standard input.
Exit status: 0 written, 1 the profile or the table has errors, 2 wrong usage
(a folder that is not empty, a file that cannot be read).
`,
  help: `Usage: cairn help [COMMAND]

Show the list of commands, or what one command does.
`,
};

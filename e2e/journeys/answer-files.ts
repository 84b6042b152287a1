// Answer files the journeys import, as a person would have them.

/**
 * Typed by hand: complete, but the time zone has a space, which setup-alpine
 * splits (it would set "America/New" and print an error, then exit 0).
 */
export const HAND_WRITTEN = `# Office box, typed by hand from the wiki
KEYMAPOPTS="us us"
HOSTNAMEOPTS="-n office-box"
INTERFACESOPTS="auto lo
iface lo inet loopback

auto eth0
iface eth0 inet dhcp
"
TIMEZONEOPTS="-z America/New York"
PROXYOPTS=none
APKREPOSOPTS="-1 -c"
USEROPTS="-a -g audio,video ops"
SSHDOPTS=openssh
NTPOPTS=chrony
DISKOPTS="-m sys /dev/sda"
export ERASE_DISKS=/dev/sda
LBUOPTS=none
APKCACHEOPTS=none
`;

/** The line of HAND_WRITTEN that sets TIMEZONEOPTS. */
export const ZONE_LINE = HAND_WRITTEN.split('\n').findIndex((l) => l.startsWith('TIMEZONEOPTS=')) + 1;

/** The same file as saved by a Windows editor (CRLF), with a hostname setup-hostname refuses. */
export const WINDOWS_SAVED = HAND_WRITTEN.replace('-n office-box', '-n lab_1').replace(/\n/g, '\r\n');

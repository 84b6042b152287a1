/** An answer file as a person might have written it by hand, with two things Cairn cannot keep. */
export const HAND_WRITTEN_ANSWERS = `# office box, written by hand
KEYMAPOPTS="de de-nodeadkeys"
HOSTNAMEOPTS=ops-box
DEVDOPTS=mdev
INTERFACESOPTS="auto lo
iface lo inet loopback

auto eth0
iface eth0 inet static
	address 192.0.2.10/24
	gateway 192.0.2.1
"
DNSOPTS="-d office.lan 192.0.2.53"
TIMEZONEOPTS="-z Europe/Vienna"
PROXYOPTS=none
APKREPOSOPTS="-1 -c"
USEROPTS="-a -u -g audio,video,netdev ops"
USERSSHKEY="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHandWrittenFixtureKeyOnlyForTests000000 ops@desk"
SSHDOPTS=openssh
NTPOPTS=openntpd
DISKOPTS="-m sys -s 1024 /dev/vda"
LBUOPTS=none
APKCACHEOPTS=none
EXTRAOPTS=yes
`;

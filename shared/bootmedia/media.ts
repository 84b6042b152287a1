// Where an overlay goes, per kind of boot medium, and what to tell the person
// (ALPINE-FACTS: the boot searches the top level of every partition for
// *.apkovl.tar.gz and the first one found wins).

export const MEDIUM_KINDS = ['raspberry-pi', 'usb-boot-stick', 'second-stick', 'vm-disk'] as const;
export type MediumKind = (typeof MEDIUM_KINDS)[number];

export interface MediumInfo {
  label: string;
  /** Whether the chosen folder must hold Alpine's boot files (apks/ and boot/). */
  isBootMedia: boolean;
  /** Short steps, in order. */
  steps: (fileName: string) => string[];
}

export const MEDIA: Record<MediumKind, MediumInfo> = {
  'raspberry-pi': {
    label: 'Raspberry Pi SD card',
    isBootMedia: true,
    steps: (f) => [
      "Format the SD card with one FAT32 partition and extract Alpine's Raspberry Pi tarball (alpine-rpi-…-aarch64.tar.gz) onto it; choose that partition here.",
      `Cairn writes ${f} at the top of the card, beside apks/ and boot/.`,
      'Eject the card safely, put it in the Pi, connect the network and power it on. The first boot takes a minute or two.',
      'Then use "Find on network" to learn its address; the box is already trusted.',
    ],
  },
  'usb-boot-stick': {
    label: 'USB stick with Alpine (setup-bootable)',
    isBootMedia: true,
    steps: (f) => [
      "The ISO image itself is read-only. Make a writable Alpine stick instead: on a Linux machine run setup-bootable with the ISO and the stick's FAT partition, or extract the ISO's files onto a FAT32 stick and make it bootable.",
      `Cairn writes ${f} at the top of the stick, beside apks/ and boot/.`,
      'Boot the PC from the stick with a network cable plugged in; then use "Find on network".',
    ],
  },
  'second-stick': {
    label: 'Second small USB stick (next to the ISO)',
    isBootMedia: false,
    steps: (f) => [
      'Keep booting from the unchanged Alpine ISO (CD or written stick). Use a second small stick with one FAT32 partition for the overlay; choose its top folder here.',
      `Cairn writes ${f} at the top of the second stick. The boot searches every partition, so plug both in before power-on.`,
      'Power the PC on with a network cable plugged in; then use "Find on network".',
    ],
  },
  'vm-disk': {
    label: 'Virtual machine (a folder as a second disk)',
    isBootMedia: false,
    steps: (f) => [
      `Choose an empty folder; Cairn writes ${f} there.`,
      'QEMU/libvirt: attach the folder as a read-only FAT disk (qemu … -drive file=fat:ro:/path/to/folder,format=raw,if=virtio) and boot the Alpine ISO as usual.',
      'VirtualBox, VMware, Hyper-V: make a small FAT image holding the file (on Linux: mkfs.vfat -C overlay.img 8192 && mcopy -i overlay.img FILE ::) and attach it as a second disk.',
      'Start the VM with a network that reaches this computer (bridged, or a host-only network); then use "Find on network".',
    ],
  },
};

/** After the install, the medium's overlay must not shadow the installed system. */
export function afterInstallNote(diskless: boolean, fileName: string): string {
  return diskless
    ? `This box runs from RAM: its own "lbu commit" writes ${fileName} on the same medium and replaces Cairn's, so keep the medium in.`
    : `After the install to disk, remove the boot medium (or delete ${fileName} from it): left in, it boots the first-contact system instead of the installed one.`;
}

/** "Everything on /dev/sda and /dev/sdb will be erased.": the destructive part of a disk choice in words. */
export function eraseSentence(disks: readonly string[]): string {
  if (disks.length === 0) return 'Choose a disk below; everything on it will be erased.';
  const list = disks.length === 1 ? (disks[0] ?? '') : `${disks.slice(0, -1).join(', ')} and ${disks[disks.length - 1] ?? ''}`;
  return `Everything on ${list} will be erased.`;
}

export function EraseWarning({ disks }: { disks: readonly string[] }) {
  return (
    <p className="danger-note" id="disk-erase-warning">
      <strong>{eraseSentence(disks)}</strong> Make sure nothing on {disks.length > 1 ? 'them' : 'it'} is needed.
    </p>
  );
}

/** The columns of a batch, as its CSV header names them; an empty cell means "the profile's value". */
export const BATCH_COLUMNS = ['target', 'hostname', 'ipv4', 'ipv6', 'wifi_ssid', 'wifi_passphrase', 'packages'] as const;
export type BatchColumn = (typeof BATCH_COLUMNS)[number];

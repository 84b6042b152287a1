import { useEffect } from 'react';
import { useCairnClient } from '../client/cairn-client-context';
import { useAppStoreApi } from '../store/store-context';
import { boxActions } from './box-actions';

/**
 * Mounted once by the app: box events (facts, action output, a rebooted box
 * coming back) reach the store whatever screen shows, so a reboot started
 * from a finished install is followed even before Boxes is opened.
 */
export function BoxEventFeed() {
  const client = useCairnClient();
  const store = useAppStoreApi();
  useEffect(() => (client === null ? undefined : boxActions(client, store).listen()), [client, store]);
  return null;
}

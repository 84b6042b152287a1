import type { ConnectionTester } from '../targets/connection-test';
import type { HandlerTable } from './types';

export type ConnectionHandlers = Pick<HandlerTable, 'targets:test-connection' | 'knownHosts:accept'>;

/** The channels that reach a box over SSH: test a target's login, trust a host key the person compared. */
export const connectionHandlers = (tester: ConnectionTester): ConnectionHandlers => ({
  'targets:test-connection': ({ targetId }) => tester.test(targetId),
  'knownHosts:accept': ({ host, port, keyType, key }) => tester.accept(host, port, keyType, key),
});

import { describe, expect, it } from 'vitest';
import { isAllowedPushEndpoint, parsePushOrigins } from './endpoint.ts';

describe('isAllowedPushEndpoint', () => {
  it.each([
    ['https://fcm.googleapis.com/fcm/send/abc', [], true],
    ['https://updates.push.services.mozilla.com/wpush/v2/abc', [], true],
    ['https://web.push.apple.com/QGx', [], true],
    ['https://db5p.notify.windows.com/w/?token=x', [], true],
    // Not a push service: the server would be an open relay into its own network.
    ['https://example.com/push', [], false],
    ['http://fcm.googleapis.com/fcm/send/abc', [], false],
    ['https://fcm.googleapis.com:8443/fcm/send/abc', [], false],
    ['https://fcm.googleapis.com.evil.example/x', [], false],
    ['https://user:pw@fcm.googleapis.com/x', [], false],
    ['http://127.0.0.1:9999/push/1', [], false],
    ['not a url', [], false],
    // An origin the operator added.
    ['http://127.0.0.1:9999/push/1', ['http://127.0.0.1:9999'], true],
    ['http://127.0.0.1:9998/push/1', ['http://127.0.0.1:9999'], false],
  ])('%s (extra %j) → %s', (endpoint, extra, ok) => {
    expect(isAllowedPushEndpoint(endpoint, extra)).toBe(ok);
  });

  it('parses PUSH_SERVICE_ORIGINS to origins', () => {
    expect(parsePushOrigins(' https://push.example:8443/x , http://127.0.0.1:1')).toEqual([
      'https://push.example:8443',
      'http://127.0.0.1:1',
    ]);
    expect(parsePushOrigins(undefined)).toEqual([]);
  });
});

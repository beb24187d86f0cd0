import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { parseBlobStoreUrl } from './blob-store-url.ts';

describe('BLOB_STORE_URL', () => {
  it.each([
    [
      's3://evidence?endpoint=http%3A%2F%2F127.0.0.1%3A9000&region=eu-west-1',
      {
        bucket: 'evidence',
        prefix: '',
        endpoint: 'http://127.0.0.1:9000',
        region: 'eu-west-1',
        forcePathStyle: true,
      },
    ],
    ['s3://evidence/nl/prod/', { bucket: 'evidence', prefix: 'nl/prod', forcePathStyle: false }],
    [
      's3://evidence?endpoint=https://s3.example&forcePathStyle=false',
      { bucket: 'evidence', prefix: '', endpoint: 'https://s3.example', forcePathStyle: false },
    ],
  ])('%s', (value, expected) => {
    expect(parseBlobStoreUrl(value)).toEqual(expected);
  });

  it.each([
    ['file:///data', 'only s3://'],
    ['s3://AB', 'bucket'],
    ['s3://evidence/pre%20fix', 'prefix'],
    ['s3://evidence?endpoint=ftp://x', 'not http'],
    ['s3://evidence?secret=1', 'unknown parameter'],
    ['s3://evidence?forcePathStyle=yes', 'forcePathStyle'],
  ])('refuses %s', (value, problem) => {
    expect(parseBlobStoreUrl(value)).toContain(problem);
  });

  it('refuses credentials in the URL without repeating them', () => {
    for (const value of [
      's3://AKIDxyzzy:pwxyzzy@evidence',
      's3://evidence?endpoint=http://AKIDxyzzy:pwxyzzy@127.0.0.1:9000',
    ]) {
      let message = '';
      try {
        loadConfig({ BLOB_STORE_URL: value });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toContain('BLOB_STORE_URL');
      expect(message).not.toContain('xyzzy');
    }
  });
});

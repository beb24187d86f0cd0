import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * A software WebAuthn authenticator for route tests: no browser runs in these tests, so this plays the
 * part of the browser + authenticator. It is not a mock of the server side: it makes real WebAuthn
 * messages (clientDataJSON, CBOR attestation object with "none" attestation, authenticator data with
 * the rpIdHash, flags and counter) and real ES256 (P-256 ECDSA) signatures with its own key, which
 * @simplewebauthn/server checks byte by byte. The browser side is covered by the Chromium e2e test
 * with the CDP virtual authenticator.
 */

type CborValue = number | string | Uint8Array | CborMap | CborRecord;
interface CborMap extends Map<CborValue, CborValue> {}
interface CborRecord {
  [key: string]: CborValue;
}

function cborHead(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** The few CBOR types WebAuthn needs: integers, byte and text strings, maps. */
export function cbor(value: CborValue): Buffer {
  if (typeof value === 'number') return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([cborHead(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export type SoftCredential = { id: Buffer; privateKey: KeyObject; userHandle: string; counter: number };

export class SoftAuthenticator {
  readonly origin: string;
  readonly rpId: string;
  credentials: SoftCredential[] = [];
  /** Flags for the next answers: user present (0x01) and user verified (0x04). */
  userVerified = true;

  constructor(origin: string) {
    this.origin = origin;
    this.rpId = new URL(origin).hostname;
  }

  private flags(extra = 0): number {
    return 0x01 | (this.userVerified ? 0x04 : 0) | extra;
  }

  private clientData(type: string, challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  private rpIdHash(rpId = this.rpId): Buffer {
    return createHash('sha256').update(rpId).digest();
  }

  /** `navigator.credentials.create` with the server's options; returns the RegistrationResponseJSON. */
  register(options: { challenge: string; user: { id: string }; rp: { id?: string } }, origin = this.origin) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = cbor(
      new Map<CborValue, CborValue>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const id = randomBytes(16);
    const counter = 0;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(counter);
    const authData = Buffer.concat([
      this.rpIdHash(options.rp.id ?? this.rpId),
      Buffer.from([this.flags(0x40)]), // attested credential data included
      counterBytes,
      Buffer.alloc(16), // AAGUID: none
      idLength,
      id,
      cose,
    ]);
    const attestationObject = cbor({ fmt: 'none', attStmt: {}, authData });
    this.credentials.push({ id, privateKey, userHandle: options.user.id, counter });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, origin)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
    };
  }

  /**
   * `navigator.credentials.get`: signs authenticatorData ‖ SHA-256(clientDataJSON) with the chosen
   * credential. The counter goes up by one unless `counter` names the value to send (to test clones).
   */
  authenticate(
    options: { challenge: string },
    credential: SoftCredential = this.credentials[0]!,
    { counter, origin = this.origin }: { counter?: number; origin?: string } = {},
  ) {
    credential.counter = counter ?? credential.counter + 1;
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(credential.counter);
    const authData = Buffer.concat([this.rpIdHash(), Buffer.from([this.flags()]), counterBytes]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, origin);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]),
      credential.privateKey,
    );
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
    };
  }
}

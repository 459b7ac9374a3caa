// A signer is what leaves the key store: it can sign and co-sign envelopes, and it carries
// the public key, but it never exposes the private key material.
import { preAuthEncoding, type Envelope } from '../../../src-shared/wire/envelope';
import { addSignature, signEnvelope, signPae, type SigningKey } from '../crypto/ed25519';

export interface Signer {
  readonly keyid: string;
  readonly publicKeyRaw: Uint8Array;
  /** A new envelope over exactly these payload bytes. */
  sign(payloadType: string, payload: Uint8Array): Envelope;
  /** The same envelope with this signer's signature added (the chair after the expert). */
  cosign(envelope: Envelope): Envelope;
  /** A detached signature over DSSE PAE bytes, for signing one payload with several keys at once. */
  signatureOver(pae: Uint8Array): { keyid: string; sig: string };
}

export function signerFromKey(key: SigningKey): Signer {
  return {
    keyid: key.keyid,
    publicKeyRaw: key.publicKeyRaw,
    sign: (payloadType, payload) => signEnvelope(payloadType, payload, [key]),
    cosign: (envelope) => addSignature(envelope, key),
    signatureOver: (pae) => signPae(pae, key),
  };
}

/** Signs with the first signer and co-signs with the rest, in order. */
export function signWithAll(
  signers: readonly Signer[],
  payloadType: string,
  payload: Uint8Array,
): Envelope {
  if (signers.length === 0) throw new Error('at least one signer is required');
  const pae = preAuthEncoding(payloadType, payload);
  return {
    payloadType,
    payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64'),
    signatures: signers.map((s) => s.signatureOver(pae)),
  };
}

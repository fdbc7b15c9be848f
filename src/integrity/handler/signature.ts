import * as crypto from 'crypto';
import { DigestDocument } from './digest-document';

/**
 * The string CloudTrail signs, as awscli's Sha256RSADigestValidator rebuilds it: end time, `bucket/key`, the SHA-256 of
 * the inflated digest, and the previous signature, or the text `null` when there is none (the Java implementation's).
 */
export function stringToSign(doc: DigestDocument, inflated: Buffer): string {
  const hash = crypto.createHash('sha256').update(inflated).digest('hex');
  const previous = doc.previousDigestSignature ?? 'null';
  return `${doc.digestEndTime}\n${doc.digestS3Bucket}/${doc.digestS3Object}\n${hash}\n${previous}`;
}

/** SHA256withRSA (PKCS #1 v1.5) over the string to sign, with the PKCS #1 DER key ListPublicKeys returns. */
export function signatureValid(publicKeyBase64: string, signatureHex: string, signed: string): boolean {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(signatureHex)) return false;
  try {
    const key = crypto.createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'pkcs1' });
    return crypto.verify('sha256', Buffer.from(signed, 'utf8'), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    // A key that does not parse cannot vouch for anything (awscli: "Unable to load PKCS #1 key").
    return false;
  }
}

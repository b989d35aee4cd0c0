import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** A token as stored: the ciphertext (base64 of IV ‖ auth tag ‖ data) and the id of its key. */
export interface SealedToken {
  keyId: string;
  ciphertext: string;
}

/** Thrown when a stored token cannot be opened. Never carries the token or the key. */
export class TokenCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TokenCipherError";
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * AES-256-GCM for tokens at rest (TOKEN_ENCRYPTION_KEYS: `id:base64key,…`). The first key seals;
 * every listed key opens, so keys can be rotated: add a new key first, run
 * `npm run tokens:reencrypt`, then drop the old one. GCM authenticates too: a ciphertext that was
 * altered (or moved between rows, see `context`) fails to open instead of yielding garbage.
 */
export class TokenCipher {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: ReadonlyArray<{ id: string; key: Buffer }>) {
    if (keys.length === 0) throw new TokenCipherError("at least one encryption key is needed");
    this.keys = new Map();
    for (const { id, key } of keys) {
      if (key.length !== KEY_BYTES) throw new TokenCipherError(`key "${id}" must be ${KEY_BYTES} bytes`);
      if (this.keys.has(id)) throw new TokenCipherError(`key id "${id}" is listed twice`);
      this.keys.set(id, key);
    }
    this.currentKeyId = keys[0]!.id;
  }

  /** `context` (e.g. the installation id and field) is authenticated, not stored: a ciphertext copied to another row does not open. */
  seal(plain: string, context: string): SealedToken {
    const key = this.keys.get(this.currentKeyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return { keyId: this.currentKeyId, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64") };
  }

  open(sealed: SealedToken, context: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new TokenCipherError(`no key "${sealed.keyId}" in TOKEN_ENCRYPTION_KEYS`);
    const raw = Buffer.from(sealed.ciphertext, "base64");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new TokenCipherError("stored token is truncated");
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      throw new TokenCipherError(`stored token does not open with key "${sealed.keyId}" (altered, or the key is wrong)`);
    }
  }
}

/**
 * Parses TOKEN_ENCRYPTION_KEYS. Returns problems as plain sentences (never the key material) so the
 * config schema can report them.
 */
export function parseEncryptionKeys(value: string): { keys: Array<{ id: string; key: Buffer }>; problems: string[] } {
  const keys: Array<{ id: string; key: Buffer }> = [];
  const problems: string[] = [];
  const entries = value.split(",").map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) problems.push("must list at least one key as id:base64key");
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(":");
    const id = colon > 0 ? entry.slice(0, colon).trim() : "";
    const material = colon > 0 ? entry.slice(colon + 1).trim() : "";
    if (!/^[A-Za-z0-9_.-]{1,32}$/.test(id)) {
      problems.push(`entry ${index + 1} must look like id:base64key (id: letters, digits, _ . -)`);
      return;
    }
    const key = Buffer.from(material, "base64");
    if (key.length !== KEY_BYTES || key.toString("base64").replace(/=+$/, "") !== material.replace(/=+$/, "")) {
      problems.push(`key "${id}" must be ${KEY_BYTES} bytes in base64 (e.g. openssl rand -base64 32)`);
      return;
    }
    if (keys.some((k) => k.id === id)) {
      problems.push(`key id "${id}" is listed twice`);
      return;
    }
    keys.push({ id, key });
  });
  return { keys, problems };
}

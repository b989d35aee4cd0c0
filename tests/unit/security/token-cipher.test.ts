import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEncryptionKeys, TokenCipher, TokenCipherError } from "../../../src/security/token-cipher.js";

const key = () => randomBytes(32);
const TOKEN = "xoxb-1234-5678-abcdefghijklmnop";

describe("TokenCipher (AES-256-GCM, key id beside the ciphertext)", () => {
  it("seals with the first key and opens again; the ciphertext does not contain the token", () => {
    const cipher = new TokenCipher([{ id: "new", key: key() }, { id: "old", key: key() }]);
    const sealed = cipher.seal(TOKEN, "installation:T:T1:bot");
    expect(sealed.keyId).toBe("new");
    expect(sealed.ciphertext).not.toContain("xoxb");
    expect(Buffer.from(sealed.ciphertext, "base64").toString("latin1")).not.toContain("xoxb");
    expect(cipher.open(sealed, "installation:T:T1:bot")).toBe(TOKEN);
    // A fresh IV each time: the same token never gives the same ciphertext.
    expect(cipher.seal(TOKEN, "installation:T:T1:bot").ciphertext).not.toBe(sealed.ciphertext);
  });

  it("every listed key opens (key rotation), an unknown key id is a clear error without the key", () => {
    const oldKey = key();
    const before = new TokenCipher([{ id: "old", key: oldKey }]);
    const sealed = before.seal(TOKEN, "ctx");
    const after = new TokenCipher([{ id: "new", key: key() }, { id: "old", key: oldKey }]);
    expect(after.open(sealed, "ctx")).toBe(TOKEN);
    const without = new TokenCipher([{ id: "new", key: key() }]);
    expect(() => without.open(sealed, "ctx")).toThrow(/no key "old"/);
  });

  it("a ciphertext that was altered, or moved to another row or field, does not open", () => {
    const cipher = new TokenCipher([{ id: "k", key: key() }]);
    const sealed = cipher.seal(TOKEN, "installation:T:T1:bot");
    expect(() => cipher.open(sealed, "installation:T:T2:bot")).toThrow(TokenCipherError);
    const raw = Buffer.from(sealed.ciphertext, "base64");
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => cipher.open({ keyId: "k", ciphertext: raw.toString("base64") }, "installation:T:T1:bot")).toThrow(/altered/);
    try {
      cipher.open({ keyId: "k", ciphertext: raw.toString("base64") }, "x");
    } catch (error) {
      expect(String(error)).not.toContain(TOKEN);
    }
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => new TokenCipher([{ id: "short", key: randomBytes(16) }])).toThrow(/32 bytes/);
  });
});

describe("parseEncryptionKeys (TOKEN_ENCRYPTION_KEYS)", () => {
  it("reads id:base64key pairs in order", () => {
    const a = key().toString("base64");
    const b = key().toString("base64");
    const { keys, problems } = parseEncryptionKeys(` k2:${a} , k1:${b}`);
    expect(problems).toEqual([]);
    expect(keys.map((k) => k.id)).toEqual(["k2", "k1"]);
  });

  it("names each problem without echoing key material", () => {
    const secret = randomBytes(16).toString("base64");
    const { problems } = parseEncryptionKeys(`short:${secret},nocolon,k:${key().toString("base64")},k:${key().toString("base64")}`);
    expect(problems).toEqual([
      'key "short" must be 32 bytes in base64 (e.g. openssl rand -base64 32)',
      "entry 2 must look like id:base64key (id: letters, digits, _ . -)",
      'key id "k" is listed twice',
    ]);
    expect(problems.join(" ")).not.toContain(secret);
  });
});

import { inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** Decompressed scanlines (filter byte + pixels per row). */
  pixelBytes: number;
}

/**
 * Reads a PNG far enough to trust it: signature, IHDR, every chunk's length, and the IDAT stream
 * inflated to exactly height × (1 + width × bytes per pixel). Throws on anything else.
 */
export function decodePng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG signature");
  let offset = 8;
  let header: Omit<DecodedPng, "pixelBytes"> | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < png.length && !ended) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (data.length !== length) throw new Error(`truncated ${type} chunk`);
    if (type === "IHDR") header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8]!, colourType: data[9]! };
    if (type === "IDAT") idat.push(data);
    if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  if (!header || !ended) throw new Error("missing IHDR or IEND");
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[header.colourType];
  if (!channels) throw new Error(`unknown colour type ${header.colourType}`);
  const pixels = inflateSync(Buffer.concat(idat));
  const rowBytes = 1 + Math.ceil((header.width * channels * header.bitDepth) / 8);
  if (pixels.length !== header.height * rowBytes) throw new Error(`pixel data is ${pixels.length} bytes, expected ${header.height * rowBytes}`);
  return { ...header, pixelBytes: pixels.length };
}

/** The first PNG inside a multipart body (an upload), or undefined. */
export function pngInside(body: Buffer): Buffer | undefined {
  const start = body.indexOf(SIGNATURE);
  if (start < 0) return undefined;
  const iend = body.indexOf(Buffer.from("IEND"), start);
  return iend < 0 ? undefined : body.subarray(start, iend + 8);
}

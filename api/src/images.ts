/**
 * What an uploaded image really is, read from its bytes (never from its name or declared type): a
 * PNG (signature, an IHDR with a valid CRC and header fields, chunks up to IEND) or a baseline or
 * progressive JPEG (SOI, segments up to a frame header, an EOI after it), with its size.
 *
 * The check walks the headers strictly itself: size readers such as image-size skip bytes until
 * something looks like a marker, which is right for measuring a trusted file and wrong for refusing
 * an untrusted one (a text file starting with FF D8 would pass). Pure: bytes in, facts out.
 */
import { crc32 } from 'node:zlib';

export type ImageType = 'image/png' | 'image/jpeg';
export interface SniffedImage {
  type: ImageType;
  width: number;
  height: number;
}
/** Why the bytes are not an acceptable image, as a sentence that says what to do. */
export interface ImageProblem {
  problem: string;
}

/** Larger sides are not a logo; they also bound the memory a browser spends decoding one. */
export const MAX_IMAGE_SIDE = 4096;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** PNG colour type → the bit depths the PNG specification allows with it (§11.2.2). */
const PNG_BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** JPEG frame headers SOF0–SOF15 without DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const JPEG_FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Markers without a length: TEM and RST0–RST7. */
const JPEG_STANDALONE_MARKERS = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7]);

const SAVE_AGAIN = 'save it as PNG or JPEG and upload it again';

const uint32 = (bytes: Uint8Array, at: number) => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
const uint16 = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);

function sizeProblem(kind: string, width: number, height: number): ImageProblem | undefined {
  if (width === 0 || height === 0) return { problem: `is a ${kind} with no width or height; ${SAVE_AGAIN}` };
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return { problem: `is ${width}×${height} pixels; make it at most ${MAX_IMAGE_SIDE} pixels wide and high (a logo needs a few hundred)` };
  }
  return undefined;
}

function sniffPng(bytes: Uint8Array): SniffedImage | ImageProblem {
  const broken = { problem: `is a broken PNG (its header does not follow the PNG format); ${SAVE_AGAIN}` };
  // Signature (8), then IHDR: length (4), type (4), 13 bytes of data, CRC (4).
  if (bytes.length < 33 || uint32(bytes, 8) !== 13 || ascii(bytes, 12, 16) !== 'IHDR') return broken;
  if (crc32(bytes.subarray(12, 29)) !== uint32(bytes, 29)) return broken;
  const width = uint32(bytes, 16);
  const height = uint32(bytes, 20);
  const [bitDepth, colourType, compression, filter, interlace] = bytes.subarray(24, 29);
  if (!PNG_BIT_DEPTHS[colourType!]?.includes(bitDepth!) || compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) return broken;
  const badSize = sizeProblem('PNG', width, height);
  if (badSize) return badSize;
  // Every chunk must fit in the file, with image data, up to IEND: a cut-off upload is refused here.
  let offset = 8;
  let hasImageData = false;
  while (offset + 12 <= bytes.length) {
    const length = uint32(bytes, offset);
    const type = ascii(bytes, offset + 4, offset + 8);
    if (length > 0x7fffffff || offset + 12 + length > bytes.length) break;
    if (type === 'IDAT') hasImageData = true;
    if (type === 'IEND') return hasImageData ? { type: 'image/png', width, height } : broken;
    offset += 12 + length;
  }
  return { problem: `is a PNG that is cut short (it has no end); ${SAVE_AGAIN}` };
}

function sniffJpeg(bytes: Uint8Array): SniffedImage | ImageProblem {
  const broken = { problem: `is a broken JPEG (its header does not follow the JPEG format); ${SAVE_AGAIN}` };
  const cutShort = { problem: `is a JPEG that is cut short; ${SAVE_AGAIN}` };
  let offset = 2;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) return broken;
    while (bytes[offset] === 0xff) offset += 1; // fill bytes before a marker
    if (offset >= bytes.length) return cutShort;
    const marker = bytes[offset]!;
    offset += 1;
    if (JPEG_STANDALONE_MARKERS.has(marker)) continue;
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda) return broken; // SOI again, EOI or image data before a frame header
    if (offset + 2 > bytes.length) return cutShort;
    const length = uint16(bytes, offset);
    if (length < 2) return broken;
    if (offset + length > bytes.length) return cutShort;
    if (JPEG_FRAME_MARKERS.has(marker)) {
      // Frame header: length (2), precision (1), height (2), width (2), components (1)…
      if (length < 8) return broken;
      const height = uint16(bytes, offset + 3);
      const width = uint16(bytes, offset + 5);
      const badSize = sizeProblem('JPEG', width, height);
      if (badSize) return badSize;
      return hasEndOfImage(bytes, offset + length) ? { type: 'image/jpeg', width, height } : cutShort;
    }
    offset += length;
  }
  return cutShort;
}

/** Whether an EOI marker (FF D9) comes after `from`; searched from the end, where it nearly always is. */
function hasEndOfImage(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i >= from; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

/** A name for what the bytes are instead, so the message can say it. */
function otherKind(bytes: Uint8Array): string | undefined {
  const head = ascii(bytes, 0, Math.min(bytes.length, 256)).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart();
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'a GIF';
  if (head.startsWith('RIFF') && ascii(bytes, 8, 12) === 'WEBP') return 'a WebP image';
  if (head.startsWith('BM')) return 'a BMP image';
  if (/^<(\?xml|svg|!DOCTYPE svg)/i.test(head) || /<svg[\s>]/i.test(head)) return 'an SVG drawing';
  if (head.startsWith('%PDF')) return 'a PDF';
  return undefined;
}

/**
 * The image's type and size from its bytes, or why it is not a PNG or JPEG one can show.
 * @example sniffImage(fs.readFileSync('logo.png')) // { type: 'image/png', width: 240, height: 80 }
 * @example sniffImage(Buffer.from('GIF89a…')) // { problem: 'is a GIF, not a PNG or JPEG image; …' }
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | ImageProblem {
  if (bytes.length === 0) return { problem: `is empty; choose a PNG or JPEG file` };
  if (startsWith(bytes, PNG_SIGNATURE)) return sniffPng(bytes);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return sniffJpeg(bytes);
  const kind = otherKind(bytes);
  return { problem: `is ${kind ?? 'neither a PNG nor a JPEG image (checked by its content, not its name)'}${kind ? ', not a PNG or JPEG image' : ''}; ${SAVE_AGAIN}` };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GIF_1X1, JPEG_2X1, pngImage, SVG_LOGO, TEXT_FILE } from '../../test/image-fixtures.js';
import { MAX_IMAGE_SIDE, sniffImage } from './images.js';

const problemOf = (bytes: Uint8Array) => {
  const result = sniffImage(bytes);
  if (!('problem' in result)) throw new Error(`expected a problem, got ${JSON.stringify(result)}`);
  return result.problem;
};

/** A copy of `bytes` with `at` set to `value`. */
const withByte = (bytes: Buffer, at: number, value: number) => {
  const copy = Buffer.from(bytes);
  copy[at] = value;
  return copy;
};

describe('sniffImage', () => {
  it('reads the type and size of a PNG from its header', () => {
    expect(sniffImage(pngImage({ width: 3, height: 2 }))).toEqual({ type: 'image/png', width: 3, height: 2 });
    expect(sniffImage(pngImage({ width: MAX_IMAGE_SIDE, height: 1 }))).toEqual({ type: 'image/png', width: MAX_IMAGE_SIDE, height: 1 });
  });

  it('reads the type and size of a JPEG from its frame header', () => {
    expect(sniffImage(JPEG_2X1)).toEqual({ type: 'image/jpeg', width: 2, height: 1 });
  });

  it('refuses an image wider or higher than 4096 pixels', () => {
    expect(problemOf(pngImage({ width: MAX_IMAGE_SIDE + 1, height: 1 }))).toMatch(/4097×1 pixels; make it at most 4096/);
    // The JPEG's frame header: FF C0, length, precision, then height and width (2 bytes each).
    const sof = JPEG_2X1.indexOf(Buffer.from([0xff, 0xc0]));
    expect(problemOf(withByte(withByte(JPEG_2X1, sof + 7, 0x20), sof + 8, 0x00))).toMatch(/8192×1 pixels/);
  });

  it('refuses a PNG or JPEG with no width or height', () => {
    expect(problemOf(pngImage({ width: 0, height: 2 }))).toMatch(/no width or height/);
    const sof = JPEG_2X1.indexOf(Buffer.from([0xff, 0xc0]));
    expect(problemOf(withByte(JPEG_2X1, sof + 6, 0))).toMatch(/no width or height/);
  });

  it('names what the bytes are instead when it knows', () => {
    expect(problemOf(GIF_1X1)).toMatch(/^is a GIF, not a PNG or JPEG image/);
    expect(problemOf(SVG_LOGO)).toMatch(/^is an SVG drawing, not a PNG or JPEG image/);
    expect(problemOf(Buffer.from('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatch(/^is an SVG drawing/);
    expect(problemOf(TEXT_FILE)).toMatch(/^is neither a PNG nor a JPEG image \(checked by its content, not its name\)/);
    expect(problemOf(Buffer.alloc(0))).toMatch(/^is empty/);
  });

  it('refuses a PNG whose header was changed (the CRC no longer matches) or whose fields are impossible', () => {
    const png = pngImage({ width: 3, height: 2 });
    expect(problemOf(withByte(png, 19, 4))).toMatch(/broken PNG/); // width changed, CRC kept
    expect(problemOf(withByte(png, 12, 0x69))).toMatch(/broken PNG/); // 'iHDR'
    expect(problemOf(png.subarray(0, 20))).toMatch(/broken PNG/);
  });

  it('refuses a PNG or JPEG that is cut short', () => {
    const png = pngImage({ width: 3, height: 2 });
    expect(problemOf(png.subarray(0, png.length - 12))).toMatch(/PNG that is cut short/);
    expect(problemOf(JPEG_2X1.subarray(0, JPEG_2X1.length - 2))).toMatch(/JPEG that is cut short/);
    expect(problemOf(JPEG_2X1.subarray(0, 300))).toMatch(/JPEG that is cut short/);
  });

  it('refuses bytes that start like a JPEG but do not continue as one', () => {
    expect(problemOf(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), TEXT_FILE]))).toMatch(/broken JPEG|cut short/);
    expect(problemOf(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toMatch(/broken JPEG/);
  });

  it('never throws, whatever the bytes: random ones, or a real PNG or JPEG with bytes changed or cut off', () => {
    const png = pngImage({ width: 3, height: 2 });
    const spoiled = (image: Buffer) =>
      fc.tuple(fc.array(fc.tuple(fc.nat(image.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(image.length)).map(([changes, cut]) => {
        const copy = Buffer.from(image);
        for (const [at, value] of changes) copy[at] = value;
        return copy.subarray(0, cut);
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), spoiled(png), spoiled(JPEG_2X1)), (bytes) => {
        const result = sniffImage(bytes);
        if ('problem' in result) expect(result.problem).toMatch(/^is /);
        else expect(result.width * result.height).toBeGreaterThan(0);
      }),
      { seed: 16, numRuns: 3000 },
    );
  });
});

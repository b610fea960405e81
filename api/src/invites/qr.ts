/**
 * QR codes of respondent links, for receipts and posters, through the `qrcode` library. Error
 * correction M (15 % of the code may be smudged or folded) and the quiet zone of two modules that
 * scanners need around the code.
 */
import QRCode from 'qrcode';

const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export type QrFormat = 'svg' | 'png';

/**
 * @example const svg = await qrCode('https://lens.example.com/s/demo-check-up', 'svg');
 * @example const png = await qrCode(url, 'png', 512); // a Buffer starting with the PNG signature
 */
export async function qrCode(url: string, format: 'svg'): Promise<string>;
export async function qrCode(url: string, format: 'png', size?: number): Promise<Buffer>;
export async function qrCode(url: string, format: QrFormat, size = 512): Promise<string | Buffer> {
  if (format === 'svg') return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
  return QRCode.toBuffer(url, { ...OPTIONS, type: 'png', width: size });
}

export const QR_CONTENT_TYPES: Record<QrFormat, string> = { svg: 'image/svg+xml; charset=utf-8', png: 'image/png' };

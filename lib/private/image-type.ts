/**
 * The image type of a file's content, from its first bytes (magic numbers), so that a file whose
 * content is not the type its name (or declared extension) says fails at synth, not at deploy.
 */
export type ImageType = 'PNG' | 'JPEG' | 'GIF' | 'WEBP' | 'ICO' | 'SVG';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const SIGNATURES: ReadonlyArray<[ImageType, (b: Buffer) => boolean]> = [
  ['PNG', (b) => b.length > 8 && b.subarray(0, 8).equals(PNG)],
  ['JPEG', (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['GIF', (b) => b.length > 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))],
  ['WEBP', (b) => b.length > 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
  ['ICO', (b) => b.length > 4 && b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0],
  // SVG is text: an <svg> element near the start (after an XML declaration, comments or a doctype).
  ['SVG', (b) => /<svg[\s>]/i.test(b.subarray(0, 4096).toString('utf8'))],
];

/** The type of the image in `bytes`, or undefined when it is none of PNG, JPEG, GIF, WEBP, ICO, SVG. */
export function imageTypeOf(bytes: Buffer): ImageType | undefined {
  return SIGNATURES.find(([, matches]) => matches(bytes))?.[0];
}

/** "a PNG image", "an SVG image". */
export function anImage(type: string): string {
  return `${/^(ICO|SVG)$/.test(type) ? 'an' : 'a'} ${type} image`;
}

/** What a file holds, for an error message: "content of a GIF image", "content of no known image type". */
export function describeImageContent(type: ImageType | undefined): string {
  return type === undefined ? 'content of no known image type' : `content of ${anImage(type)}`;
}

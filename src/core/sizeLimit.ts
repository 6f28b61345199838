// One size limit for every way a file is read: the editor's diagnostics and
// code lenses, the workspace conversion (open or closed files alike) and the
// CLI's default --max-file-size. Larger files are skipped, and the user is told.

/** 5 MiB, in UTF-8 bytes: what the file takes on disk. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Is `text`, saved as UTF-8, over the limit? Most texts are decided by their
 * length alone (UTF-8 takes one to three bytes per UTF-16 code unit).
 */
export function textOverSizeLimit(text: string, limit = MAX_FILE_BYTES): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return Buffer.byteLength(text, 'utf8') > limit;
}

/** "6.2 MB", for messages. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a file over the limit is not checked, in words. */
export function overSizeLimitMessage(bytes: number): string {
  return `Kusto MI does not check this file for SAS URIs, account keys or blob sizes: at ${formatMegabytes(bytes)} it is over the ${formatMegabytes(MAX_FILE_BYTES)} limit (the command line's --max-file-size can scan it).`;
}

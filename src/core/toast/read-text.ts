/**
 * Reads a UTF-8 text file in blocks of `TEXT_BLOCK_BYTES`.
 *
 * `readFileSync(path, 'utf8')` has Node build the whole text in one C++ string first, doubling its
 * buffer as it reads: a 1.3 MB master schedule takes a 2 MB allocation, which glibc serves with
 * `mmap` and, once it is freed, answers by raising its mmap threshold to 2 MB and its trim
 * threshold to 4 MB for the whole process. Every thread's malloc arena (V8's compiler threads, the
 * worker threads) then keeps up to 4 MB of freed memory instead of giving it back: 3-4 MB more
 * resident for the server with its workers busy. Read in blocks, no allocation outside the V8 heap
 * is larger than one block, and the text is the same: a `StringDecoder` carries a character split
 * between two blocks over to the next, and replaces bytes that are not UTF-8 as `readFileSync` does.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Bytes read at a time: under glibc's initial mmap threshold (128 KiB). */
export const TEXT_BLOCK_BYTES = 64 * 1024;

/** The file at `path` as UTF-8 text, read `blockBytes` at a time (the same text as `readFileSync(path, 'utf8')`). */
export function readTextFile(path: string, blockBytes = TEXT_BLOCK_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const block = Buffer.allocUnsafe(blockBytes);
    const decoder = new StringDecoder('utf8');
    let text = '';
    for (let n = readSync(fd, block, 0, blockBytes, null); n > 0; n = readSync(fd, block, 0, blockBytes, null)) {
      text += decoder.write(block.subarray(0, n));
    }
    return text + decoder.end();
  } finally {
    closeSync(fd);
  }
}

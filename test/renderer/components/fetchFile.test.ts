// The reader's refusals as a person reads them: a sentence chosen by the route's code, with the
// file's path in the package and the route's own words kept for 详情.
import { describe, expect, it } from 'vitest';
import { shownRefusal } from '../../../src-renderer/components/reader/fetchFile';
import { explainError } from '../../../src-renderer/components/errorText';
import {
  parseReaderFileError,
  READER_FILE_ERROR_CODES,
  readerFileErrors,
} from '../../../src-shared/reader/fileErrors';
import { readerStrings } from '../../../src-renderer/app/strings/reader';

const PATH = 'submissions/sub-T-00068-bp/T-00068-bp.pdf';

describe('shownRefusal', () => {
  it('says a file that is not a PDF without its path; the path and status wait behind 详情', () => {
    const shown = explainError(shownRefusal(readerFileErrors.notPdf(PATH)));
    expect(shown.lines).toEqual(['文件标为 PDF，但内容不是 PDF，未显示。']);
    expect(shown.details).toContain('错误代码：not-a-pdf');
    expect(shown.details).toContain(`HTTP 415：文件“${PATH}”标为 PDF`);
  });

  it('shows an answer without a known code as the io-error sentence, the status once, in 详情', () => {
    const parsed = parseReaderFileError(502, '<html>Bad Gateway</html>');
    expect(parsed).toMatchObject({ code: 'io-error', status: 502 });
    const shown = explainError(shownRefusal(parsed));
    expect(shown.lines).toEqual([readerStrings.refused['io-error']]);
    expect(shown.details?.match(/502/g)).toHaveLength(1);
  });

  it('has a sentence for every code the route sends, none naming a path or a Latin word', () => {
    for (const code of READER_FILE_ERROR_CODES) {
      const { message } = shownRefusal({ code, status: 500, message: PATH });
      expect(message.length).toBeGreaterThan(0);
      expect(message).not.toContain(PATH);
      expect(message.replace(/SHA-256|PDF/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});

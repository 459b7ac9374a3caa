// The words every document a demo profile produces carries inside it, not only in its file
// name: a printed or forwarded demo sheet, record or certificate must not pass for real work.
// The demo's platform key is public, so nothing a demo profile makes is evidence of anything.

/** The short mark (a watermark, a sheet tab, a title prefix). */
export const DEMO_MARK = '演示';

/** The sentence a demo document states at its top (and on every printed page). */
export const DEMO_DOCUMENT_NOTICE = '演示数据 · 非正式文件 · 不得用于申领、报送或发证';

/** Prefixes a document title; never twice. */
export function demoTitle(title: string, demo: boolean): string {
  const prefix = `【${DEMO_MARK}】`;
  return demo && !title.startsWith(prefix) ? prefix + title : title;
}

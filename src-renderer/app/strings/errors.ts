// The one way an error is shown (components/ErrorNotice): a sentence in the person's terms on
// top, the code and the raw message behind 详情 for technical support.
export const errorStrings = {
  details: '详情',
  detailsIntro: '联系技术支持时，请点“复制”把以下内容发给对方。',
  copy: '复制',
  copied: '已复制',
  copyFailed: '无法复制，请手动选中文字复制',
  codeLabel: '错误代码',
  fieldLabel: '字段',
  messageLabel: '原始信息',
  detailLabel: '技术细节',
  /** When a failure came with no sentence of its own. */
  fallback: '操作未完成，请重试；仍不成功时，请把详情复制给技术支持。',
  /**
   * Codes whose own message is written for developers (a request field path, a schema). The
   * person reads this sentence instead; the message stays in 详情.
   */
  plain: {
    'handler-failed': '工作站内部出错，操作未完成。请重试；仍不成功时，请把详情复制给技术支持。',
    'invalid-response': '工作站内部出错，操作未完成。请把详情复制给技术支持。',
    'invalid-request': '填写的内容格式不对，操作未完成。请检查后重试。',
    'unknown-channel': '工作站内部出错，操作未完成。请把详情复制给技术支持。',
    'forbidden-sender': '工作站内部出错，操作未完成。请把详情复制给技术支持。',
    'transport-failed': '与工作站后台的连接中断，请重试；仍不成功时，请重新启动工作站。',
  } as Record<string, string>,
} as const;

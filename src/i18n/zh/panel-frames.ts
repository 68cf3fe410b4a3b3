import type { Catalog } from '../translate.ts';

/** 首屏上各面板框架的中文消息：检查器的标题、标签页和空状态，节点面板打开时的提示。 */
export const panelFramesZh: Catalog = {
  'insp.title': '检查器',
  'insp.tab.packet': '数据包',
  'insp.tab.hops': '逐跳',
  'insp.tab.events': '事件',
  'insp.intro.hint': '按 ▶（空格键）播放，按 → 单步前进一跳，或点击一个数据包。每个头部都会显示它在这一跳改变了什么、为什么改变。',
  'insp.packet.none': '还没有数据包。请点击播放或单步前进，或者点击一个数据包或事件。',
  'node.loading': '正在打开节点…',
  'app.loading': '正在加载…',
  'app.loadFailed': '这部分界面未能加载。',
  'app.retry': '重试',
  'app.language.failed': '另一种语言的文字未能加载。请检查网络连接后重试。',
};

// <lvs-lab>: LVS Lab in a documentation page with one script tag and one element.
//
//   <script type="module" src="https://…/lvs-lab.js"></script>
//   <lvs-lab lab="dr" lang="zh" height="560"></lvs-lab>
//
// Attributes: `lab` (a built-in lab's id, or a packed lab "1.…" as the app's Copy link makes),
// `seed`, `lang` (en | zh), `height` (CSS length; a bare number is pixels; default 560px),
// `autoplay` (plays once the run is in) and `speed` (0.1 … 10). The frame loads when it comes near
// the view (loading="lazy"), so a page with several labs starts one worker at a time.
// The element holds the lab in a frame (embed.html beside this script), so the page's styles and
// scripts and the lab's cannot disturb each other. Methods send the message API's commands
// (messages.ts); the frame's answers arrive as events: `lvs-lab-ready`, `lvs-lab-state`,
// `lvs-lab-done` and `lvs-lab-error`, each with the message as `detail`.
//
// This file is its own bundle: a page that loads it gets only this and element-attributes.ts.

import { ATTRIBUTES, frameHeight, frameUrl } from './element-attributes.ts';

/** The frame's page: beside this script once built; the dev server serves it at the root. */
const FRAME_PAGE = new URL(import.meta.env.DEV ? '/embed.html' : 'embed.html', import.meta.url).href;

class LvsLabElement extends HTMLElement {
  static readonly observedAttributes = ATTRIBUTES;
  private readonly frame: HTMLIFrameElement;
  private readonly onMessage = (e: MessageEvent) => {
    if (e.source !== this.frame.contentWindow) return;
    const data: unknown = e.data;
    if (typeof data !== 'object' || data === null || !('lvsLab' in data) || typeof data.lvsLab !== 'string') return;
    this.dispatchEvent(new CustomEvent(`lvs-lab-${data.lvsLab}`, { detail: data }));
  };

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = ':host { display: block; } iframe { display: block; width: 100%; height: 100%; border: 1px solid #c8d0da; border-radius: 6px; box-sizing: border-box; }';
    this.frame = document.createElement('iframe');
    this.frame.title = 'LVS Lab';
    this.frame.setAttribute('allow', 'clipboard-write');
    this.frame.loading = 'lazy';
    shadow.append(style, this.frame);
  }

  connectedCallback(): void {
    window.addEventListener('message', this.onMessage);
    this.update();
  }

  disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.update();
  }

  /** Sends a message of the API to the lab (`{ lvsLab: 'play' }`…). */
  send(message: Record<string, unknown>): void {
    this.frame.contentWindow?.postMessage(message, '*');
  }

  play(): void { this.send({ lvsLab: 'play' }); }
  pause(): void { this.send({ lvsLab: 'pause' }); }
  stepForward(): void { this.send({ lvsLab: 'stepForward' }); }
  stepBack(): void { this.send({ lvsLab: 'stepBack' }); }
  toStart(): void { this.send({ lvsLab: 'toStart' }); }
  toEnd(): void { this.send({ lvsLab: 'toEnd' }); }
  replay(): void { this.send({ lvsLab: 'replay' }); }

  private update(): void {
    this.style.height = frameHeight(this.getAttribute('height'));
    const src = frameUrl(FRAME_PAGE, {
      lab: this.getAttribute('lab'), seed: this.getAttribute('seed'), lang: this.getAttribute('lang'),
      autoplay: this.getAttribute('autoplay'), speed: this.getAttribute('speed'),
    });
    // Only the fragment differs when the lab changes: the frame opens the new lab without reloading.
    if (this.frame.src !== src) this.frame.src = src;
  }
}

if (!customElements.get('lvs-lab')) customElements.define('lvs-lab', LvsLabElement);

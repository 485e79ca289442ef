/**
 * The few DOM types the tests' in-page functions use: the test project compiles without the DOM library, so a file
 * whose functions run in the page declares `document` (and the like) locally with these types.
 */
export interface PageElement {
  tagName: string;
  innerText: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  hasAttribute(name: string): boolean;
  closest(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getClientRects(): { length: number };
  blur(): void;
}

export interface PageDocument {
  activeElement: PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

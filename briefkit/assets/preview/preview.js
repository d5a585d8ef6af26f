// briefkit preview: page frames and live reload.
//
// Page frames: the composed document arrives in #bk-source. Its blocks are
// moved, one by one, into page-sized frames; a block that does not fit starts
// the next page, and a container (a section, a list, a table) that does not
// fit is split between its children, its shell repeated on the next page (a
// numbered list goes on counting, a table repeats its header). Headings stay
// with what follows them. This is an approximation of WeasyPrint's layout:
// a page may break a line or two differently than in the PDF, which stays
// the authority (`briefkit build`).
//
// Live reload: /events sends the version of the inputs; when it differs from
// the version this page was made from, the page reloads, keeping its scroll.
(function () {
  "use strict";
  const script = document.currentScript;
  const version = script.dataset.version;
  const scrollKey = "bk-scroll:" + location.pathname;
  const SPLITTABLE = new Set(["SECTION", "DIV", "HEADER", "FOOTER", "OL", "UL", "TABLE", "TBODY", "BLOCKQUOTE", "LI"]);
  const HEADINGS = new Set(["H1", "H2", "H3"]);
  const TABLE_HEAD = new Set(["COLGROUP", "THEAD", "COL"]);

  function status(text, alarm) {
    const el = document.getElementById("bk-status");
    if (el) {
      el.textContent = text;
      el.classList.toggle("bk-alarm", Boolean(alarm));
    }
  }

  function paginate() {
    const source = document.getElementById("bk-source");
    if (!source) return 0;
    const book = document.createElement("div");
    book.id = "bk-pages";
    source.parentNode.insertBefore(book, source);
    const pages = [];
    let content = null;
    let stack = []; // open containers: {src, dst, items}

    function newPage() {
      const page = document.createElement("div");
      page.className = "bk-page";
      content = document.createElement("div");
      content.className = "bk-page-content";
      page.appendChild(content);
      book.appendChild(page);
      pages.push(page);
      let parent = content;
      for (const frame of stack) {
        frame.dst = continuation(frame);
        parent.appendChild(frame.dst);
        parent = frame.dst;
      }
    }

    function shell(node) {
      const copy = node.cloneNode(false);
      copy.removeAttribute("id");
      copy.setAttribute("data-bk-shell", "");
      return copy;
    }

    function continuation(frame) {
      const copy = shell(frame.src);
      const tag = frame.src.tagName;
      if (tag === "OL") copy.setAttribute("start", String((frame.src.start || 1) + frame.items));
      if (tag === "LI") copy.classList.add("bk-continued");
      if (tag === "TABLE") {
        for (const child of frame.src.children) {
          if (TABLE_HEAD.has(child.tagName)) copy.appendChild(child.cloneNode(true));
        }
      }
      return copy;
    }

    function current() {
      return stack.length ? stack[stack.length - 1].dst : content;
    }

    function overflows(node) {
      const limit = content.getBoundingClientRect().bottom + 0.5;
      const outer = stack.length ? stack[0].dst : node;
      return outer.getBoundingClientRect().bottom > limit || node.getBoundingClientRect().bottom > limit;
    }

    function pageIsEmpty() {
      return content.querySelector(":not([data-bk-shell])") === null;
    }

    function splittable(node) {
      if (!SPLITTABLE.has(node.tagName) || node.children.length === 0) return false;
      if (node.tagName === "LI" && !node.querySelector(":scope > ul, :scope > ol, :scope > p")) return false;
      return getComputedStyle(node).breakInside !== "avoid";
    }

    function container(depth) {
      return depth === 0 ? content : stack[depth - 1].dst;
    }

    // Headings at the end of the page that should move with the next block:
    // those just before it, or, when it opens containers that hold nothing yet
    // on this page, those just before the outermost such container.
    function trailingHeadings() {
      let depth = stack.length;
      let anchor = null;
      for (;;) {
        const parent = container(depth);
        const carried = [];
        let last = anchor ? anchor.previousElementSibling : parent.lastElementChild;
        while (last && HEADINGS.has(last.tagName)) {
          carried.unshift(last);
          last = last.previousElementSibling;
        }
        if (carried.length || depth === 0 || parent.textContent.trim()) return { carried, depth };
        anchor = parent;
        depth -= 1;
      }
    }

    function place(node) {
      const parent = current();
      if (node.nodeType !== Node.ELEMENT_NODE) {
        parent.appendChild(node);
        return;
      }
      parent.appendChild(node);
      if (!overflows(node)) return;
      parent.removeChild(node);
      if (splittable(node)) {
        const frame = { src: node, dst: shell(node), items: 0 };
        parent.appendChild(frame.dst);
        stack.push(frame);
        for (const child of Array.from(node.childNodes)) {
          place(child);
          if (child.tagName === "LI") frame.items += 1;
        }
        stack.pop();
        return;
      }
      if (pageIsEmpty()) { // too tall for any page: leave it overflowing, and say so
        parent.appendChild(node);
        content.parentNode.classList.add("bk-overflow");
        return;
      }
      const { carried, depth } = trailingHeadings();
      newPage();
      const before = depth < stack.length ? stack[depth].dst : null;
      for (const heading of carried) container(depth).insertBefore(heading, before);
      current().appendChild(node);
      if (overflows(node)) content.parentNode.classList.add("bk-overflow");
    }

    newPage();
    for (const child of Array.from(source.childNodes)) place(child);
    source.remove();
    // a shell left with no content of its own (all moved to the next page) is removed
    for (const empty of Array.from(book.querySelectorAll("[data-bk-shell]")).reverse()) {
      const meaningful = Array.from(empty.children).some((c) => !TABLE_HEAD.has(c.tagName));
      if (!meaningful && !empty.textContent.trim()) empty.remove();
    }
    const numbered = document.body.dataset.bkPageNumbers === "yes";
    pages.forEach((page, index) => {
      const label = document.createElement("div");
      label.className = "bk-page-label";
      label.textContent = document.body.dataset.bkPaper + " · page " + (index + 1);
      page.appendChild(label);
      if (numbered) {
        const number = document.createElement("div");
        number.className = "bk-page-number";
        number.textContent = (index + 1) + " / " + pages.length;
        page.appendChild(number);
      }
    });
    return pages.length;
  }

  function report(count) {
    if (!count) return;
    const max = Number(document.body.dataset.bkMaxPages || 0);
    const overflow = document.querySelector(".bk-page.bk-overflow");
    if (max && count > max) {
      status(count + " pages: must fit on " + max, true);
    } else if (overflow) {
      status(count + " pages; a block is taller than a page", true);
    } else {
      status(count + (count === 1 ? " page" : " pages"), false);
    }
  }

  function listen() {
    const events = new EventSource("/events");
    events.onmessage = (event) => {
      if (event.data !== version) {
        sessionStorage.setItem(scrollKey, String(window.scrollY));
        events.close();
        location.reload();
      }
    };
    events.onopen = () => document.documentElement.setAttribute("data-bk-live", version);
    events.onerror = () => status("preview server not reachable; retrying", true);
  }

  function restoreScroll() {
    const saved = sessionStorage.getItem(scrollKey);
    if (saved !== null) {
      sessionStorage.removeItem(scrollKey);
      window.scrollTo(0, Number(saved));
    }
  }

  const audience = document.getElementById("bk-audience");
  if (audience) {
    audience.addEventListener("change", () => {
      const kind = document.getElementById("bk-bar").dataset.kind;
      location.href = "/doc/" + encodeURIComponent(audience.value) + "/" + kind;
    });
  }

  document.fonts.ready.then(() => {
    report(paginate());
    restoreScroll();
    document.documentElement.setAttribute("data-bk-ready", version);
    listen();
  });
})();

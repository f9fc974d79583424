() => {
  const clean = (text) => (text || "").replace(/\s+/g, " ").trim();
  const all = document.getElementsByTagName("*").length;
  const insideSvg = document.querySelectorAll("svg *").length;
  const images = Array.from(document.images).map((img) => ({
    src: img.currentSrc || img.src,
    natural_width: img.naturalWidth,
    natural_height: img.naturalHeight,
    width: img.clientWidth,
    height: img.clientHeight,
  }));
  const links = Array.from(document.querySelectorAll("a[href]")).slice(0, 2000).map((a) => ({
    href: a.href,
    text: clean(a.textContent || a.getAttribute("aria-label") || a.title).slice(0, 200),
  }));
  const body = document.body ? document.body.innerText : "";
  return {
    nodes: all - insideSvg,
    images: images,
    links: links,
    lang: document.documentElement.lang || "",
    title: clean(document.title).slice(0, 300),
    text: clean(body).slice(0, 100000),
  };
}

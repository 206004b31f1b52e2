// 扫码查进度: read a case's tracking token from a scanned code and open the tracking page.
//
// Accepted codes:
// - the receipt's QR code, a URL `<base>/t/<token>`;
// - a 小程序码 of this mini-program: wx.scanCode answers its `path`, `pages/track/track?scene=<token>`;
// - the sandbox's stand-in for a 小程序码, `https://mp.weixin.qq.com/a/~<scene>?page=pages/track/track`.
const TRACK_PAGE = 'pages/track/track';
const TOKEN_RE = /^[A-Za-z0-9_-]{8,64}$/;

function decode(value) {
  try {
    return decodeURIComponent(value);
  } catch (err) {
    return value;
  }
}

function param(search, key) {
  const pair = (search || '').split('&').map((p) => p.split('=')).find(([k]) => decode(k) === key);
  return pair ? decode((pair[1] || '').replace(/\+/g, ' ')) : '';
}

const valid = (token) => (TOKEN_RE.test(token || '') ? token : null);

function tokenFromText(text) {
  const page = text.match(/^\/?pages\/track\/track\?([^#]*)/);
  if (page) return valid(param(page[1], 'scene') || param(page[1], 'token'));

  const url = text.match(/^https?:\/\/([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?/i);
  if (!url) return null;
  const [, host, path = '', search] = url;
  const receipt = path.match(/\/t\/([^/]+)\/?$/);
  if (receipt) return valid(decode(receipt[1]));
  const wxacode = host.toLowerCase() === 'mp.weixin.qq.com' && path.match(/^\/a\/~([^/]+)$/);
  if (wxacode && [TRACK_PAGE, `/${TRACK_PAGE}`].includes(param(search, 'page'))) return valid(decode(wxacode[1]));
  return null;
}

// A wx.scanCode answer ({result, path}) → the tracking token, or null for anything else.
function trackTokenFrom(scanned) {
  const texts = [scanned && scanned.path, scanned && scanned.result].filter((t) => typeof t === 'string' && t.trim());
  for (let i = 0; i < texts.length; i += 1) {
    const token = tokenFromText(texts[i].trim());
    if (token) return token;
  }
  return null;
}

// Scan, then open the tracking page → the token; null when cancelled or unrecognised (toasted).
function scanToTrack() {
  return new Promise((resolve) => {
    wx.scanCode({
      success: resolve,
      fail(res) {
        if (!/cancel/.test((res && res.errMsg) || '')) wx.showToast({ title: '扫码失败，请重试', icon: 'none' });
        resolve(null);
      },
    });
  }).then((scanned) => {
    if (!scanned) return null;
    const token = trackTokenFrom(scanned);
    if (!token) {
      wx.showToast({ title: '无法识别的二维码', icon: 'none' });
      return null;
    }
    wx.navigateTo({ url: `/${TRACK_PAGE}?token=${encodeURIComponent(token)}` });
    return token;
  });
}

module.exports = { trackTokenFrom, scanToTrack };

const { trackTokenFrom, scanToTrack } = require('../utils/scan');
const { loadPage } = require('./helpers/page');

const TOKEN = 'Tk_abcdefghijklmnopqrstuvwxyz012';

describe('trackTokenFrom', () => {
  test('the receipt QR code: a /t/<token> URL on any base', () => {
    expect(trackTokenFrom({ result: `https://zhangban.example.gov.cn/t/${TOKEN}`, scanType: 'QR_CODE' })).toBe(TOKEN);
    expect(trackTokenFrom({ result: `http://127.0.0.1:8000/t/${TOKEN}/` })).toBe(TOKEN);
    expect(trackTokenFrom({ result: `https://gov.example.cn/zhangban/t/${TOKEN}?from=receipt#top` })).toBe(TOKEN);
  });

  test('a 小程序码: the path with scene=<token> (URL-encoded or not), in path or result', () => {
    expect(trackTokenFrom({ result: '', path: `pages/track/track?scene=${encodeURIComponent(TOKEN)}`, scanType: 'WX_CODE' })).toBe(TOKEN);
    expect(trackTokenFrom({ path: `/pages/track/track?scene=${TOKEN}` })).toBe(TOKEN);
    expect(trackTokenFrom({ result: `pages/track/track?scene=${TOKEN}` })).toBe(TOKEN);
    // The sandbox's stand-in for a 小程序码.
    expect(trackTokenFrom({ result: `https://mp.weixin.qq.com/a/~${TOKEN}?page=pages/track/track` })).toBe(TOKEN);
  });

  test('anything else is not a token', () => {
    [
      { result: 'hello world' },
      { result: 'https://example.com/' },
      { result: 'https://example.com/t/' },
      { result: 'https://example.com/t/short' },
      { result: 'https://example.com/t/has%20space%20in%20it' },
      { result: `https://example.com/track/${TOKEN}` },
      { result: `ftp://example.com/t/${TOKEN}` },
      { result: `https://mp.weixin.qq.com/a/~${TOKEN}?page=pages/home/home` },
      { path: `pages/service/service?scene=${TOKEN}` },
      { path: 'pages/track/track?scene=' },
      { result: '6901234567892', scanType: 'EAN_13' },
      {},
      null,
    ].forEach((scanned) => expect([scanned, trackTokenFrom(scanned)]).toEqual([scanned, null]));
  });
});

describe('扫码查进度', () => {
  const scanned = (answer) => wx.scanCode.mockImplementationOnce((options) => options.success(answer));

  test('a /t/<token> URL and a scene path both open the tracking page', async () => {
    scanned({ result: `https://zhangban.example.gov.cn/t/${TOKEN}`, scanType: 'QR_CODE' });
    await expect(scanToTrack()).resolves.toBe(TOKEN);
    scanned({ result: '', path: `pages/track/track?scene=${encodeURIComponent(TOKEN)}`, scanType: 'WX_CODE' });
    await expect(scanToTrack()).resolves.toBe(TOKEN);

    expect(wx.navigateTo.mock.calls).toEqual([
      [{ url: `/pages/track/track?token=${TOKEN}` }],
      [{ url: `/pages/track/track?token=${TOKEN}` }],
    ]);
    expect(wx.showToast).not.toHaveBeenCalled();
  });

  test('garbage toasts 无法识别的二维码 and goes nowhere', async () => {
    scanned({ result: 'https://evil.example.com/pay?amount=100', scanType: 'QR_CODE' });
    await expect(scanToTrack()).resolves.toBeNull();
    expect(wx.showToast).toHaveBeenCalledWith({ title: '无法识别的二维码', icon: 'none' });
    expect(wx.navigateTo).not.toHaveBeenCalled();
  });

  test('a cancelled scan says nothing', async () => {
    await expect(scanToTrack()).resolves.toBeNull();
    expect(wx.showToast).not.toHaveBeenCalled();
    expect(wx.navigateTo).not.toHaveBeenCalled();
  });

  test('the home page entry scans too', async () => {
    reply('GET', '/api/v1/home', { hot: [], bundles: [], notice: '' });
    const page = loadPage('home');
    await page.instance.onLoad({});
    scanned({ result: '', path: `pages/track/track?scene=${TOKEN}` });

    page.querySelector('#scan').instance.triggerEvent('click');
    await settle();

    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/track/track?token=${TOKEN}` });
  });
});

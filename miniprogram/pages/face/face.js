// 刷脸核身 step of the level walk (utils/level.js): a WeChat face verification for the bound name and ID
// number; a pass makes the account level 3 (and takes the identity over from another account that held it).
// Then back to the page that sent us here. Opened as /pages/face/face?level=3[&taken=1].
const auth = require('../../api/auth');
const level = require('../../utils/level');

Component({
  data: {
    target: 3,
    taken: false,
    user: null,
    error: '',
  },
  methods: {
    onLoad(options) {
      this.setData({ taken: Boolean((options || {}).taken) });
    },

    async onShow() {
      try {
        this.showUser(await auth.me({ silent: true }));
      } catch (err) {
        // signed out or offline: starting the scan will say why
      }
    },

    showUser(user) {
      const identity = user.identity || {};
      this.setData({ user, taken: this.data.taken || Boolean(identity.taken) });
    },

    // The component ran one attempt. A pass is level 3 only once the server says so (GET /me).
    async onFace(event) {
      if (!event.detail.passed) return;
      let user;
      try {
        user = await auth.me({ silent: true });
      } catch (err) {
        this.setData({ error: err.message });
        return;
      }
      this.showUser(user);
      if (level.levelOf(user) >= this.data.target) {
        wx.showToast({ title: '认证完成', icon: 'success' });
        level.finish();
      } else {
        this.setData({ error: '刷脸已通过，但实名等级未提升，请稍后重试' });
      }
    },
  },
});

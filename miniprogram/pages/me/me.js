// 我的: login state, 实名认证 (identity binding), 我的缴费 / 缴费记录 and 退出登录.
const auth = require('../../api/auth');
const { toastError } = require('../../api/client');
const { roleLabel } = require('../../utils/format');
const level = require('../../utils/level');

const EMPTY_FORM = { name: '', id_number: '', phone: '' };

Component({
  data: {
    loggedIn: false,
    loggingIn: false,
    user: null,
    form: { ...EMPTY_FORM },
    errors: {},
    submitting: false,
  },
  methods: {
    async onShow() {
      if (!auth.isLoggedIn()) {
        this.showSignedOut();
        return;
      }
      try {
        this.showUser(await auth.me());
      } catch (err) {
        if (!auth.isLoggedIn()) this.showSignedOut(); // a 401 cleared the token
      }
    },

    async onLogin() {
      this.setData({ loggingIn: true });
      try {
        this.showUser(await auth.login());
      } catch (err) {
        // toasted by the client
      } finally {
        this.setData({ loggingIn: false });
      }
    },

    onInput(event) {
      const { field } = event.currentTarget.dataset;
      this.setData({ [`form.${field}`]: event.detail, [`errors.${field}`]: '' });
    },

    // Field errors from the server (422 with `field`) show under the named input; others as a toast.
    async onSubmit() {
      this.setData({ submitting: true, errors: {} });
      try {
        this.showUser(await auth.updateIdentity(this.data.form, { silent: true }));
        wx.showToast({ title: '实名认证成功', icon: 'success' });
      } catch (err) {
        if (err.field && err.field in EMPTY_FORM) this.setData({ [`errors.${err.field}`]: err.message });
        else toastError(err);
        if (!auth.isLoggedIn()) this.showSignedOut();
      } finally {
        this.setData({ submitting: false });
      }
    },

    onLogout() {
      auth.logout();
      this.showSignedOut();
    },

    openPayables() {
      wx.navigateTo({ url: '/pages/payables/payables' });
    },

    openPayments() {
      wx.navigateTo({ url: '/pages/payments/payments' });
    },

    openAppointments() {
      wx.navigateTo({ url: '/pages/appointments/appointments' });
    },

    openMessages() {
      wx.navigateTo({ url: '/pages/messages/messages' });
    },

    // 实名等级: L2 and up show the masked identity; below L3 a citizen is offered the next step of the walk.
    openLevelUp() {
      const { user } = this.data;
      wx.navigateTo({ url: level.stepUrl(3, user.level, user.taken) });
    },

    showUser(user) {
      const lvl = level.levelOf(user);
      const taken = Boolean(user.identity && user.identity.taken);
      this.setData({
        loggedIn: true,
        user: {
          ...user, roleLabel: roleLabel(user.role), level: lvl, levelLabel: level.label(lvl), taken,
          canLevelUp: user.role === 'citizen' && lvl < 3,
        },
        errors: {},
      });
    },

    showSignedOut() {
      this.setData({ loggedIn: false, user: null, form: { ...EMPTY_FORM }, errors: {} });
    },
  },
});

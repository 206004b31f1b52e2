// 实名认证 step of the level walk (utils/level.js): name + ID number + phone, checked by the server against the
// population database (level 2). Then on to the face page when the page that sent us here needs level 3, or back.
// Opened as /pages/identity/identity?level=<2|3>.
const auth = require('../../api/auth');
const { toastError } = require('../../api/client');
const level = require('../../utils/level');

const EMPTY_FORM = { name: '', id_number: '', phone: '' };

Component({
  data: {
    target: 2,
    targetLabel: level.label(2),
    form: { ...EMPTY_FORM },
    errors: {},
    submitting: false,
  },
  methods: {
    onLoad(options) {
      const target = Number((options || {}).level) >= 3 ? 3 : 2;
      this.setData({ target, targetLabel: level.label(target) });
    },

    // Already bound (e.g. sent here again): no form to fill, on to the next step.
    async onShow() {
      let user;
      try {
        user = await auth.me({ silent: true });
      } catch (err) {
        return; // signed out or offline: the form stays; submitting will say why
      }
      if (level.levelOf(user) >= 2) level.afterBind(user, this.data.target);
    },

    onInput(event) {
      const { field } = event.currentTarget.dataset;
      this.setData({ [`form.${field}`]: event.detail, [`errors.${field}`]: '' });
    },

    // A mismatch is 422 naming "name" (or "id_number" when the population database has no such number): shown
    // under that field. Anything else (429 too many attempts, network) as a toast.
    async onSubmit() {
      if (this.data.submitting) return;
      this.setData({ submitting: true, errors: {} });
      try {
        const user = await auth.updateIdentity(this.data.form, { silent: true });
        wx.showToast({ title: '实名核验通过', icon: 'success' });
        level.afterBind(user, this.data.target);
      } catch (err) {
        if (err.field && err.field in EMPTY_FORM) this.setData({ [`errors.${err.field}`]: err.message });
        else toastError(err);
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});

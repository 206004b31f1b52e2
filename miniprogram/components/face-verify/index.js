// 刷脸核身 step of an application: starts a face verification (api/face.js) and shows its outcome.
// Fires `change` with {passed, faceVerifiedAt} after every attempt.
const face = require('../../api/face');

const FAILED = '核身未通过，请重试';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    // An error about the face check from elsewhere (e.g. submitting answered face_required).
    error: { type: String, value: '' },
    // What the check is for (an application's face step by default; the face page of the level walk says its own).
    hint: { type: String, value: '本事项需申请人本人刷脸验证身份，完成后方可提交申请' },
  },
  data: {
    state: 'idle', // idle | running | passed | failed
    message: '',
  },
  observers: {
    // The server no longer counts an earlier pass (e.g. it is too old): offer the scan again.
    error(error) {
      if (error && this.data.state === 'passed') this.setData({ state: 'idle', message: '' });
    },
  },
  methods: {
    async onStart() {
      if (this.data.state === 'running') return;
      this.setData({ state: 'running', message: '' });
      let outcome;
      try {
        outcome = await face.verify({ silent: true });
      } catch (err) {
        const message = err.code === 'face_cancelled' ? FAILED : (err.message || FAILED);
        this.finish(false, message, null);
        return;
      }
      this.finish(Boolean(outcome.passed), outcome.passed ? '' : FAILED, outcome.face_verified_at || null);
    },

    finish(passed, message, faceVerifiedAt) {
      this.setData({ state: passed ? 'passed' : 'failed', message });
      this.triggerEvent('change', { passed, faceVerifiedAt });
    },
  },
});

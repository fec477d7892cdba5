import { useId, useState, type FormEvent } from 'react';
import { describeError } from './api/client';
import { useSessionContext } from './session';

/** Sign in with a token printed by `npm start` or created by an administrator. */
export function SignIn() {
  const { signIn } = useSessionContext();
  const id = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(token.trim());
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in" id="main">
      <form onSubmit={(e) => void onSubmit(e)} aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Đăng nhập</h1>
        <p className="muted">Hệ thống theo dõi cải cách hành chính — Sở Giáo dục và Đào tạo</p>
        <label htmlFor={`${id}-token`}>
          Mã truy cập
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="off"
            required
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby={`${id}-hint`}
          />
        </label>
        <p id={`${id}-hint`} className="muted small">
          Mã do quản trị hệ thống cấp (hoặc mã in ra khi chạy <code>npm start</code>). Mã chỉ được giữ trong
          thẻ trình duyệt này và bị xóa khi đăng xuất.
        </p>
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? 'Đang kiểm tra…' : 'Đăng nhập'}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

import { useEffect, useRef } from 'react';
import { DossierPage } from './pages/dossier-page';
import { OverviewPage } from './pages/overview/overview-page';
import { PlanPage } from './pages/plan/plan-page';
import { ReportsPage } from './pages/reports/reports-page';
import { Link, PAGES, useLocation, type Location } from './router';
import { canRead, ROLE_LABELS, useSession, useSessionContext } from './session';
import { SignIn } from './sign-in';

function Page({ location }: { location: Location }) {
  switch (location.page) {
    case 'tong-quan':
      return <OverviewPage location={location} />;
    case 'ke-hoach':
      return <PlanPage location={location} />;
    case 'bao-cao':
      return <ReportsPage location={location} />;
    case 'ho-so':
      return <DossierPage location={location} />;
  }
}

function Shell() {
  const { me } = useSession();
  const { signOut } = useSessionContext();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const title = PAGES.find((p) => p.id === location.page)?.label ?? '';
  const first = useRef(true);
  // Moving between pages: a new document title, and keyboard and screen-reader focus on the new
  // content (not on the first load, where Tab should start at the skip link).
  useEffect(() => {
    document.title = `${title} — CCHC Sở Giáo dục và Đào tạo`;
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="top">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            CCHC
          </span>
          <span>Sở Giáo dục và Đào tạo</span>
        </div>
        <nav aria-label="Trang">
          <ul>
            {canRead(me.role) &&
              PAGES.map((p) => (
                <li key={p.id}>
                  <Link href={`/${p.id}`} current={location.page === p.id}>
                    {p.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="user">
          <span data-testid="who">
            {me.name} · {ROLE_LABELS[me.role] ?? me.role}
            {me.units.length > 0 ? ` (${me.units.join(', ')})` : ''}
          </span>
          <button type="button" className="secondary" onClick={signOut}>
            Đăng xuất
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {canRead(me.role) ? (
          <Page location={location} />
        ) : (
          <p className="nodata">
            Mã truy cập này chỉ dùng để hệ thống một cửa gửi sự kiện hồ sơ; không xem được bảng điều khiển.
          </p>
        )}
      </main>
    </>
  );
}

export function App() {
  const { session } = useSessionContext();
  return session ? <Shell /> : <SignIn />;
}

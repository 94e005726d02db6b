import { StaffLayout } from "../_components/staff-layout";

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <StaffLayout callbackUrl="/admin/roles">{children}</StaffLayout>;
}

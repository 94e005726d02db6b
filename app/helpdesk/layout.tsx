import { StaffLayout } from "../_components/staff-layout";

export default function HelpdeskLayout({ children }: { children: React.ReactNode }) {
  return <StaffLayout callbackUrl="/helpdesk">{children}</StaffLayout>;
}

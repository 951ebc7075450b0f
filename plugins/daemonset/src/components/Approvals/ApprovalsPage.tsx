import { Content, Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { ApprovalList } from './ApprovalList';
import { ApprovalRequestView } from './ApprovalRequestView';

/**
 * The Approvals page: the list of DaemonSet approval requests, and each request's page below it
 * (`<mount path>/<id>`).
 *
 * @public
 */
export function ApprovalsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="DaemonSet approvals"
        subtitle="Requests the approval policy holds for a platform engineer"
      />
      <Content>
        <Routes>
          <Route path="/" element={<ApprovalList />} />
          <Route path="/:id" element={<ApprovalRequestView />} />
        </Routes>
      </Content>
    </Page>
  );
}

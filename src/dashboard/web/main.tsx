import { createRoot } from 'react-dom/client';
import { Root } from './root';
import { detectHost } from './host';

const host = await detectHost();
const element = document.getElementById('root');
if (element) createRoot(element).render(<Root host={host} />);

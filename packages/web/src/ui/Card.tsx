import type { HTMLAttributes } from 'react';

type CardProps = HTMLAttributes<HTMLElement> & { as?: 'div' | 'article' | 'section' | 'li'; accent?: boolean };

export function Card({ as: Tag = 'div', accent, className, ...rest }: CardProps) {
  return <Tag className={['card', accent && 'card-accent', className].filter(Boolean).join(' ')} {...rest} />;
}

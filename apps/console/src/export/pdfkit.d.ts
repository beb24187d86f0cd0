// The part of pdfkit's API the summary uses (pdfkit ships no types; @types/pdfkit lags its 0.20 API).
declare module 'pdfkit' {
  type StructType =
    | 'Document'
    | 'Sect'
    | 'H1'
    | 'H2'
    | 'H3'
    | 'P'
    | 'L'
    | 'LI'
    | 'Lbl'
    | 'LBody'
    | 'Figure'
    | 'Table'
    | 'TR'
    | 'TH'
    | 'TD'
    | 'Span';
  interface StructElement {
    add(child: StructElement | (() => void)): StructElement;
    end(): void;
  }
  interface TextOptions {
    width?: number;
    align?: 'left' | 'right' | 'center' | 'justify';
    structParent?: StructElement;
    structType?: StructType;
    continued?: boolean;
    lineGap?: number;
    paragraphGap?: number;
  }
  interface DocumentOptions {
    size?: string | [number, number];
    font?: string | Uint8Array;
    margin?: number;
    tagged?: boolean;
    lang?: string;
    displayTitle?: boolean;
    pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
    subset?: 'PDF/UA' | 'PDF/A-2a' | 'PDF/A-3a';
    autoFirstPage?: boolean;
    bufferPages?: boolean;
    info?: {
      Title?: string;
      Author?: string;
      Subject?: string;
      Keywords?: string;
      Creator?: string;
      CreationDate?: Date;
    };
  }
  class PDFDocument {
    constructor(options?: DocumentOptions);
    x: number;
    y: number;
    page: {
      width: number;
      height: number;
      margins: { top: number; bottom: number; left: number; right: number };
    };
    registerFont(name: string, src: Uint8Array | ArrayBuffer): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    moveDown(lines?: number): this;
    image(
      src: Uint8Array | ArrayBuffer,
      options?: { fit?: [number, number]; width?: number; height?: number },
    ): this;
    image(src: Uint8Array | ArrayBuffer, x: number, y: number, options?: { fit?: [number, number] }): this;
    addPage(): this;
    struct(
      type: StructType,
      options?: { alt?: string; lang?: string },
      children?: (() => void) | StructElement[],
    ): StructElement;
    struct(type: StructType, children?: (() => void) | StructElement[]): StructElement;
    addStructure(element: StructElement): this;
    markContent(tag: string, options?: Record<string, unknown>): this;
    endMarkedContent(): this;
    on(event: 'data', listener: (chunk: Uint8Array) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: unknown) => void): this;
    end(): void;
  }
  export default PDFDocument;
}

package com.example;

import java.io.InputStream;
import java.io.Reader;
import javax.xml.stream.EventFilter;
import javax.xml.stream.StreamFilter;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLReporter;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.XMLEventAllocator;
import javax.xml.transform.Source;

/**
 * The JDK's own StAX factory, found through the javax.xml.stream.XMLInputFactory property, that
 * keeps the last stream reader it made so the driver can read a document through it.
 */
public class RecordingInputFactory extends XMLInputFactory {
    static XMLStreamReader last;
    private final XMLInputFactory real = XMLInputFactory.newDefaultFactory();

    private static XMLStreamReader keep(XMLStreamReader reader) {
        last = reader;
        return reader;
    }

    @Override public XMLStreamReader createXMLStreamReader(Reader r) throws XMLStreamException {
        return keep(real.createXMLStreamReader(r));
    }
    @Override public XMLStreamReader createXMLStreamReader(Source s) throws XMLStreamException {
        return keep(real.createXMLStreamReader(s));
    }
    @Override public XMLStreamReader createXMLStreamReader(InputStream s) throws XMLStreamException {
        return keep(real.createXMLStreamReader(s));
    }
    @Override public XMLStreamReader createXMLStreamReader(InputStream s, String enc) throws XMLStreamException {
        return keep(real.createXMLStreamReader(s, enc));
    }
    @Override public XMLStreamReader createXMLStreamReader(String id, InputStream s) throws XMLStreamException {
        return keep(real.createXMLStreamReader(id, s));
    }
    @Override public XMLStreamReader createXMLStreamReader(String id, Reader r) throws XMLStreamException {
        return keep(real.createXMLStreamReader(id, r));
    }
    @Override public XMLEventReader createXMLEventReader(Reader r) throws XMLStreamException {
        return real.createXMLEventReader(r);
    }
    @Override public XMLEventReader createXMLEventReader(String id, Reader r) throws XMLStreamException {
        return real.createXMLEventReader(id, r);
    }
    @Override public XMLEventReader createXMLEventReader(XMLStreamReader r) throws XMLStreamException {
        return real.createXMLEventReader(r);
    }
    @Override public XMLEventReader createXMLEventReader(Source s) throws XMLStreamException {
        return real.createXMLEventReader(s);
    }
    @Override public XMLEventReader createXMLEventReader(InputStream s) throws XMLStreamException {
        return real.createXMLEventReader(s);
    }
    @Override public XMLEventReader createXMLEventReader(InputStream s, String enc) throws XMLStreamException {
        return real.createXMLEventReader(s, enc);
    }
    @Override public XMLEventReader createXMLEventReader(String id, InputStream s) throws XMLStreamException {
        return real.createXMLEventReader(id, s);
    }
    @Override public XMLStreamReader createFilteredReader(XMLStreamReader r, StreamFilter f)
            throws XMLStreamException {
        return real.createFilteredReader(r, f);
    }
    @Override public XMLEventReader createFilteredReader(XMLEventReader r, EventFilter f)
            throws XMLStreamException {
        return real.createFilteredReader(r, f);
    }
    @Override public XMLResolver getXMLResolver() { return real.getXMLResolver(); }
    @Override public void setXMLResolver(XMLResolver resolver) { real.setXMLResolver(resolver); }
    @Override public XMLReporter getXMLReporter() { return real.getXMLReporter(); }
    @Override public void setXMLReporter(XMLReporter reporter) { real.setXMLReporter(reporter); }
    @Override public void setProperty(String name, Object value) { real.setProperty(name, value); }
    @Override public Object getProperty(String name) { return real.getProperty(name); }
    @Override public boolean isPropertySupported(String name) { return real.isPropertySupported(name); }
    @Override public void setEventAllocator(XMLEventAllocator a) { real.setEventAllocator(a); }
    @Override public XMLEventAllocator getEventAllocator() { return real.getEventAllocator(); }
}

//! The tree the fast reader builds, handed to a record type through serde
//! as a YAML parser would hand it: the same visits for the same values
//! (non-negative integers as `u64`, null as unit or `None`, a unit enum
//! variant from its name), and an error for anything a type does not take,
//! which sends the text to the general parser.

use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::Node;

/// A node as a serde deserializer.
pub(crate) struct De<'a>(pub(crate) Node<'a>);

impl<'de> IntoDeserializer<'de, Error> for De<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for De<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Unsigned(n) => visitor.visit_u64(n),
            Node::Negative(n) => visitor.visit_i64(n),
            Node::Float(f) => visitor.visit_f64(f),
            Node::Str(s) => visitor.visit_str(s),
            Node::Seq(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter().map(De));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Node::Map(pairs) => {
                let mut map = MapDeserializer::new(pairs.into_iter().map(|(k, v)| (k, De(v))));
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Node::Str(s) => visitor.visit_enum(s.into_deserializer()),
            _ => Err(de::Error::custom("not the name of a variant")),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

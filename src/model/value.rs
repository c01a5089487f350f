//! A portfolio (or any part of it) as a plain tree of values, made through serde, with
//! every scalar already in the text the file writes it as (`"Kari"`, `2_400_000`,
//! `Amber`, `"2026-11-22"`). Lossless saving ([`super::splice`]) compares the tree of
//! what was loaded with the tree of what is on screen and writes only where they differ;
//! serde walks every field of every type, so a field added to types.rs is saved without
//! a line here.

use serde::ser::{self, Serialize};

use super::save::{amount, number, string};
use super::types::{Number, Portfolio};

/// One value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// A scalar, as the file writes it.
    Scalar(String),
    /// An absent optional value.
    None,
    Seq(Vec<Value>),
    /// Keys as the file writes them (`"goals"`).
    Map(Vec<(String, Value)>),
    /// A struct: its name and its fields in declaration order (FORMAT.md's order).
    Struct(&'static str, Vec<(&'static str, Value)>),
}

impl Value {
    /// The tree of `v`.
    pub fn of<T: Serialize + ?Sized>(v: &T) -> Value {
        Self::made(v, Tree::default())
    }

    /// The tree of a portfolio without its projects (they stand as one placeholder):
    /// what a save compares whole, while projects are compared one by one.
    pub fn of_top(p: &Portfolio) -> Value {
        Self::made(
            p,
            Tree {
                field: None,
                skip: Some("projects"),
            },
        )
    }

    fn made<T: Serialize + ?Sized>(v: &T, tree: Tree) -> Value {
        // Our serializer never fails on the model's types; an error would be a bug in
        // it, and shows as a scalar that the check after every save refuses.
        v.serialize(tree)
            .unwrap_or_else(|e| Value::Scalar(format!("<{e}>")))
    }

    /// The value at `path` below this one (`.risks[2].status`), if there is one.
    pub fn at(&self, path: &str) -> Option<&Value> {
        let mut v = self;
        let mut rest = path;
        while !rest.is_empty() {
            let (seg, tail) = super::splice::first_segment(rest)?;
            v = match (v, seg) {
                (Value::Struct(_, fields), super::splice::Seg::Field(name)) => {
                    &fields.iter().find(|(k, _)| *k == name)?.1
                }
                (Value::Seq(items), super::splice::Seg::Index(i)) => items.get(i)?,
                (Value::Map(entries), super::splice::Seg::Key(key)) => {
                    &entries.iter().find(|(k, _)| *k == string(key))?.1
                }
                _ => return None,
            };
            rest = tail;
        }
        Some(v)
    }

    /// Is this a scalar (or an absent value)?
    pub fn is_scalar(&self) -> bool {
        matches!(self, Value::Scalar(_) | Value::None)
    }
}

/// The error type serde needs; never produced by the model's types.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Fields whose whole numbers are amounts, written with `_` separators.
const AMOUNT_FIELDS: [&str; 3] = ["planned", "spent", "amount"];

/// The serializer; `field` is the struct field being written, for amounts; a field
/// named `skip` is not walked.
#[derive(Default)]
struct Tree {
    field: Option<&'static str>,
    skip: Option<&'static str>,
}

fn scalar(s: String) -> Result<Value, Error> {
    Ok(Value::Scalar(s))
}

impl ser::Serializer for Tree {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Map;
    type SerializeStruct = Struct;
    type SerializeStructVariant = Struct;

    fn serialize_bool(self, v: bool) -> Result<Value, Error> {
        scalar(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<Value, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Value, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Value, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Value, Error> {
        if self.field.is_some_and(|f| AMOUNT_FIELDS.contains(&f)) {
            scalar(amount(v))
        } else {
            scalar(v.to_string())
        }
    }
    fn serialize_u8(self, v: u8) -> Result<Value, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Value, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Value, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<Value, Error> {
        scalar(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<Value, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Value, Error> {
        scalar(number(Number(v)))
    }
    fn serialize_char(self, v: char) -> Result<Value, Error> {
        scalar(format!("{v:?}"))
    }
    fn serialize_str(self, v: &str) -> Result<Value, Error> {
        scalar(string(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, Error> {
        scalar(string(&String::from_utf8_lossy(v)))
    }
    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Value, Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, Error> {
        scalar("()".into())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<Value, Error> {
        scalar(name.into())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value, Error> {
        scalar(variant.into())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        v: &T,
    ) -> Result<Value, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<Value, Error> {
        Ok(Value::Struct(variant, vec![("0", Value::of(v))]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Error> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Map, Error> {
        Ok(Map {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Struct, Error> {
        Ok(Struct(name, Vec::with_capacity(len), self.skip))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Struct, Error> {
        Ok(Struct(variant, Vec::with_capacity(len), None))
    }
}

struct Seq(Vec<Value>);

impl ser::SerializeSeq for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.0.push(Value::of(v));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Seq(self.0))
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

struct Map {
    entries: Vec<(String, Value)>,
    key: Option<String>,
}

impl ser::SerializeMap for Map {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        self.key = Some(match Value::of(k) {
            Value::Scalar(s) => s,
            other => return Err(Error(format!("a map key must be a scalar: {other:?}"))),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a value without a key".into()))?;
        self.entries.push((key, Value::of(v)));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Map(self.entries))
    }
}

struct Struct(
    &'static str,
    Vec<(&'static str, Value)>,
    Option<&'static str>,
);

impl ser::SerializeStruct for Struct {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        let value = if self.2 == Some(key) {
            Value::Scalar("…".into())
        } else {
            v.serialize(Tree {
                field: Some(key),
                skip: None,
            })?
        };
        self.1.push((key, value));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Struct(self.0, self.1))
    }
}

impl ser::SerializeStructVariant for Struct {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeStruct::end(self)
    }
}
